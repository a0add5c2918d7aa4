// Package closedinfunc holds transports whose pool lives only as long as
// one call: the function that builds the transport closes its idle
// connections on return, and the transport does not escape. Found on
// net/http/httputil.DumpRequestOut.
package closedinfunc

import (
	"net"
	"net/http"
)

// dumpOnce is DumpRequestOut's shape: quiet.
func dumpOnce(req *http.Request, conn net.Conn) error {
	t := &http.Transport{
		Dial: func(net, addr string) (net.Conn, error) { return conn, nil },
	}
	defer t.CloseIdleConnections()
	go func() { _ = conn.Close }()
	_, err := t.RoundTrip(req)
	return err
}

// viaClient: a local client over the transport does not make it escape.
func viaClient(req *http.Request) error {
	t := &http.Transport{}
	defer t.CloseIdleConnections()
	c := &http.Client{Transport: t}
	_, err := c.Do(req)
	return err
}

// returned escapes: its pool outlives the call.
func returned() *http.Transport {
	t := &http.Transport{} // want `http.Transport has no IdleConnTimeout`
	defer t.CloseIdleConnections()
	return t
}

// inGoroutine escapes to a goroutine that may outlive the call.
func inGoroutine(req *http.Request) {
	t := &http.Transport{} // want `http.Transport has no IdleConnTimeout`
	defer t.CloseIdleConnections()
	go func() { _, _ = t.RoundTrip(req) }()
}

var global *http.Transport

// stored escapes into a package variable.
func stored() {
	t := &http.Transport{} // want `http.Transport has no IdleConnTimeout`
	defer t.CloseIdleConnections()
	global = t
}

// notDeferred closes its idle connections before it returns.
func notDeferred(req *http.Request) error {
	t := &http.Transport{}
	_, err := t.RoundTrip(req)
	t.CloseIdleConnections()
	return err
}

// neverClosed does not escape, but nothing closes it: a loop in one call
// (a scheduler's main) can reuse a connection after a quiet period.
func neverClosed(req *http.Request) {
	t := &http.Transport{} // want `http.Transport has no IdleConnTimeout`
	for range 3 {
		_, _ = t.RoundTrip(req)
	}
}
