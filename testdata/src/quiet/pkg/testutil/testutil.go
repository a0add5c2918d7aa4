// Package testutil is a test helper package: quiet by default.
package testutil

import "net/http"

func NewTransport() *http.Transport {
	return &http.Transport{}
}
