// Package testutils is in a test-helper package (testutils): quiet by default.
package testutils

import "net/http"

func NewClient() *http.Client {
	return &http.Client{Transport: &http.Transport{}}
}
