package conn // want package:"pools"

// Package conn behaves as github.com/docker/go-connections/sockets does
// since v0.7: ConfigureTransport bounds idle connections when the caller
// has not sized the pool (MaxIdleConns == 0).

import (
	"net"
	"net/http"
	"time"
)

func ConfigureTransport(tr *http.Transport, proto, addr string) error { // want ConfigureTransport:`pool\(param 0: IdleConnTimeout=30000000000 if MaxIdleConns == 0\)`
	if tr.MaxIdleConns == 0 {
		tr.MaxIdleConns = 6
		tr.IdleConnTimeout = 30 * time.Second
	}
	switch proto {
	case "unix":
		return configureUnix(tr, addr)
	default:
		tr.Proxy = http.ProxyFromEnvironment
		tr.DialContext = (&net.Dialer{Timeout: 30 * time.Second}).DialContext
	}
	return nil
}

func configureUnix(tr *http.Transport, addr string) error {
	tr.DisableCompression = true
	return nil
}
