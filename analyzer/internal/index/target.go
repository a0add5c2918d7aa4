package index

import (
	"net"
	"regexp"
	"strings"
)

// schemeOnly matches a target's scheme and empty authority
// (passthrough:///, dns:///).
var schemeOnly = regexp.MustCompile(`^(passthrough|dns):///$`)

func isUnixScheme(s string) bool {
	return strings.HasPrefix(s, "unix:") || strings.HasPrefix(s, "unix-abstract:")
}

// LocalAddress reports whether target names this host: a unix: target,
// or localhost or a loopback IP, with or without a port and a
// passthrough:/// or dns:/// scheme.
func LocalAddress(target string) bool {
	if isUnixScheme(target) {
		return true
	}
	for _, scheme := range []string{"passthrough:///", "dns:///"} {
		target = strings.TrimPrefix(target, scheme)
	}
	return loopbackHost(target)
}

// loopbackHost reports whether hostport's host is localhost or a
// loopback IP.
func loopbackHost(hostport string) bool {
	host, _, err := net.SplitHostPort(hostport)
	if err != nil {
		host = strings.TrimSuffix(strings.TrimPrefix(hostport, "["), "]")
	}
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}
