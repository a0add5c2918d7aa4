// Package net is a stub of k8s.io/apimachinery/pkg/util/net, whose
// SetTransportDefaults sets IdleConnTimeout when it is zero.
package net

import (
	"net/http"
	"time"
)

func SetTransportDefaults(t *http.Transport) *http.Transport {
	if t.IdleConnTimeout == 0 {
		t.IdleConnTimeout = 90 * time.Second
	}
	return t
}

// Wrap takes a RoundTripper: a wrapper, not a configurer.
func Wrap(rt http.RoundTripper) http.RoundTripper { return rt }
