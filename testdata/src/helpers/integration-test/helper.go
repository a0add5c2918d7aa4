// Package integrationtest is in a test-helper package (integration-test): quiet by default.
package integrationtest

import "net/http"

func NewClient() *http.Client {
	return &http.Client{Transport: &http.Transport{}}
}
