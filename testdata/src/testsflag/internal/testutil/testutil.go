// Package testutil is a test-helper package, checked with -report-tests.
package testutil

import "net/http"

func NewTransport() *http.Transport {
	return &http.Transport{} // want `\(no-idle-timeout\)$`
}
