package testutil // want package:"pools"

// Package testutil is a test-helper package, checked with -report-tests.

import "net/http"

func NewTransport() *http.Transport { // want NewTransport:`pool\(returns net/http.Transport {}\)`
	return &http.Transport{} // want `\(no-idle-timeout\)$`
}
