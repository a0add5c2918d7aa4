package conf // want package:"pools"

// Package conf holds configurers of every shape: a good value, a bad one,
// one that passes the pool on, one that hands it to a hook.

import (
	"net/http"
	"time"
)

func Good(t *http.Transport) { // want Good:`pool\(param 0: IdleConnTimeout=30000000000\)`
	t.IdleConnTimeout = 30 * time.Second
}

func Bad(t *http.Transport) { // want Bad:`pool\(param 0: IdleConnTimeout=3600000000000\)`
	t.IdleConnTimeout = time.Hour // want `IdleConnTimeout is 3600s`
}

// PassOn configures through Good.
func PassOn(t *http.Transport) { // want PassOn:`pool\(param 0: IdleConnTimeout=30000000000\)`
	t.ForceAttemptHTTP2 = true
	Good(t)
}

// Unsized bounds the pool only when the caller did not turn keep-alives off.
func Unsized(t *http.Transport) { // want Unsized:`pool\(param 0: IdleConnTimeout=90000000000 if DisableKeepAlives == 0\)`
	if t.DisableKeepAlives == false {
		t.IdleConnTimeout = 90 * time.Second
	}
}

// Hooked hands the transport to a function value: out of sight.
func Hooked(t *http.Transport, hook func(*http.Transport)) { // want Hooked:`pool\(param 0:  opaque\)`
	hook(t)
}

// TLSOnly touches no knob: no fact.
func TLSOnly(t *http.Transport) {
	t.TLSHandshakeTimeout = 10 * time.Second
}

// IfUnset sets a default only where the caller set none, as
// k8s.io/apimachinery's SetTransportDefaults does.
func IfUnset(t *http.Transport) *http.Transport { // want IfUnset:`pool\(param 0: IdleConnTimeout=90000000000 if IdleConnTimeout == 0\)`
	if t.IdleConnTimeout == 0 {
		t.IdleConnTimeout = 90 * time.Second
	}
	return t
}
