package testonlycallers

import (
	"net/http"

	"google.golang.org/grpc"
)

// Production is reachable from other packages: it and what it calls
// stay checked.
func Production() *grpc.ClientConn {
	return both("prod")
}

// both is called from an entry file and from production: reported.
func both(target string) *grpc.ClientConn {
	conn, _ := grpc.NewClient(target) // want `\(grpc-no-idle-timeout\)$`
	return conn
}

// byValue is used as a func value: it may be called from anywhere.
var dial = byValue

func byValue() *http.Transport {
	return &http.Transport{} // want `\(no-idle-timeout\)$`
}

// Exported functions are never test support by this rule, even when
// only test code calls them in this package.
func NewTransport() *http.Transport { // want NewTransport:`pool\(returns net/http.Transport {}\)`
	return &http.Transport{} // want `\(no-idle-timeout\)$`
}

// cycle calls itself and nothing else calls it: not reached from test
// code, checked.
func cycle(n int) *http.Transport {
	if n > 0 {
		return cycle(n - 1)
	}
	return &http.Transport{} // want `\(no-idle-timeout\)$`
}

// initialized is called from a package-level initializer: production.
var client = initialized()

func initialized() *http.Client {
	return &http.Client{Transport: &http.Transport{}} // want `\(no-idle-timeout\)$`
}
