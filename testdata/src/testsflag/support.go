package testsflag

import (
	"net/http"
	"net/http/httptest"
)

// With -report-tests, test-support files are checked too.
func NewFake(h http.Handler) (*httptest.Server, *http.Client) {
	return httptest.NewServer(h), &http.Client{Transport: &http.Transport{}} // want `\(no-idle-timeout\)$`
}
