// Package testhelpers is in a test-helper package (testhelpers): quiet by default.
package testhelpers

import "net/http"

func NewClient() *http.Client {
	return &http.Client{Transport: &http.Transport{}}
}
