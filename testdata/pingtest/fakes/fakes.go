// Package fakes holds a fake server and the client that talks to it, in a
// file that is not a _test.go file: test support, recognised by its
// httptest import, quiet unless -report-tests.
package fakes

import (
	"net/http"
	"net/http/httptest"
)

// NewFake starts a fake server and returns a client for it.
func NewFake(h http.Handler) (*httptest.Server, *http.Client) {
	return httptest.NewServer(h), &http.Client{Transport: &http.Transport{}}
}
