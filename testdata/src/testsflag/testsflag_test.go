package testsflag

import (
	"net/http"
	"testing"
)

// With -tests, test files are checked too.
func TestTransport(t *testing.T) {
	_ = &http.Transport{} // want `http.Transport has no IdleConnTimeout`
}
