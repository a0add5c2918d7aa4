// Package e2etests is in a test-helper package (e2e-tests): quiet by default.
package e2etests

import "net/http"

func NewClient() *http.Client {
	return &http.Client{Transport: &http.Transport{}}
}
