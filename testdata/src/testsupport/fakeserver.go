package testsupport

import (
	"net/http"
	"net/http/httptest"
)

// NewFake starts a fake server and returns a client that talks to it: test
// support, recognised by its httptest import, quiet by default.
func NewFake(h http.Handler) (*httptest.Server, *http.Client) {
	srv := httptest.NewServer(h)
	return srv, &http.Client{Transport: &http.Transport{}}
}
