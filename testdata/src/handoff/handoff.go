package handoff // want package:"pools"

// Package handoff holds transports handed to functions that take a
// *http.Transport and may configure it. Found on k8s.io/client-go
// transport/cache.go, which passes its literal to
// utilnet.SetTransportDefaults (which sets IdleConnTimeout to 90s).

import (
	"net/http"
	"time"

	utilnet "k8s.io/apimachinery/pkg/util/net"
)

// otherPackage: the callee is out of sight and takes *http.Transport, so
// it may set the idle timeout: dynamic, quiet.
func otherPackage() *http.Transport {
	return utilnet.SetTransportDefaults(&http.Transport{
		MaxIdleConnsPerHost: 25,
	})
}

func otherPackageViaVariable() *http.Transport {
	t := &http.Transport{}
	utilnet.SetTransportDefaults(t)
	return t
}

// wrapper takes a RoundTripper: it wraps, it does not configure.
func wrapper() http.RoundTripper {
	return utilnet.Wrap(&http.Transport{}) // want `http.Transport has no IdleConnTimeout`
}

func setIdle(t *http.Transport) { // want setIdle:`pool\(param 0: IdleConnTimeout=30000000000\)`
	t.IdleConnTimeout = 30 * time.Second
}

func setTLSOnly(t *http.Transport) {
	t.TLSHandshakeTimeout = 10 * time.Second
}

func setForever(t *http.Transport) { // want setForever:`pool\(param 0: IdleConnTimeout=0\)`
	t.IdleConnTimeout = 0 // want `IdleConnTimeout is 0s, which means no limit`
}

// samePackage: the callee is in sight and sets a good value.
func samePackage() *http.Transport {
	t := &http.Transport{}
	setIdle(t)
	return t
}

// samePackageOtherFields: the callee is in sight and leaves the idle
// timeout alone: reported.
func samePackageOtherFields() *http.Transport {
	t := &http.Transport{} // want `http.Transport has no IdleConnTimeout`
	setTLSOnly(t)
	return t
}

func samePackageForever() *http.Transport {
	t := &http.Transport{IdleConnTimeout: time.Minute}
	setForever(t)
	return t
}

// funcValue: the callee is unknown: quiet.
func funcValue(configure func(*http.Transport)) *http.Transport {
	t := &http.Transport{}
	configure(t)
	return t
}
