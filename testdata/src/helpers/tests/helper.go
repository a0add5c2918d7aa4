// Package tests is in a test-helper package (tests): quiet by default.
package tests

import "net/http"

func NewClient() *http.Client {
	return &http.Client{Transport: &http.Transport{}}
}
