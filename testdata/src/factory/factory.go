package factory // want package:"pools"

// Package factory stands for another package that builds transports.

import "net/http"

// New returns a transport whose settings this package's callers adjust.
func New() *http.Transport { // want New:`pool\(returns net/http.Transport {}\)`
	return &http.Transport{} // want `http.Transport has no IdleConnTimeout`
}
