// Package testutil is a test-helper package: quiet unless -report-tests.
package testutil

import "net/http"

// NewClient returns a client for tests.
func NewClient() *http.Client {
	return &http.Client{Transport: &http.Transport{}}
}
