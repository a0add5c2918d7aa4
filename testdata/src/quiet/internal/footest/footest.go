package footest // want package:"pools"

// Package footest only ends in "test": it is production code, checked
// like any other (a name is a test-helper name only when an element, or a
// part of one separated by - or _, is exactly test, tests, testutil, ...).

import "net/http"

func NewTransport() *http.Transport { // want NewTransport:`pool\(returns net/http.Transport {}\)`
	return &http.Transport{} // want `http.Transport has no IdleConnTimeout`
}
