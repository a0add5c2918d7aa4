// Package testutils is in a test-helper package (test_utils): quiet by default.
package testutils

import "net/http"

func NewClient() *http.Client {
	return &http.Client{Transport: &http.Transport{}}
}
