// Package e2e is in a test-helper package (e2e): quiet by default.
package e2e

import "net/http"

func NewClient() *http.Client {
	return &http.Client{Transport: &http.Transport{}}
}
