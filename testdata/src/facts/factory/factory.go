package factory // want package:"pools"

// Package factory returns transports its callers adjust.

import (
	"net/http"
	"time"
)

// NoKeepAlives pools nothing.
func NoKeepAlives() *http.Transport { // want NoKeepAlives:`pool\(returns net/http.Transport {DisableKeepAlives=1}\)`
	return &http.Transport{DisableKeepAlives: true}
}

func Bounded() *http.Transport { // want Bounded:`pool\(returns net/http.Transport {IdleConnTimeout=30000000000}\)`
	return &http.Transport{IdleConnTimeout: 30 * time.Second}
}

// Unbounded is reported here, at its literal.
func Unbounded() *http.Transport { // want Unbounded:`pool\(returns net/http.Transport {}\)`
	return &http.Transport{} // want `http.Transport has no IdleConnTimeout`
}
