// Package testonlycallers is an e2e integration package: two entry files
// take *testing.T, and a third file, importing nothing test-related,
// builds the gRPC channel and the transport they use. An unexported
// function whose every caller is test code is test support.
package testonlycallers

import (
	"net/http"
	"testing"
)

// RunE2E is an entry point that takes *testing.T.
func RunE2E(t *testing.T) {
	conn := newChannel(t.Name())
	defer conn.Close()
	_ = both(t.Name())
	_ = fromTestFile()
}

// Setup is the other entry point.
func Setup(t testing.TB) *http.Client {
	return &http.Client{Transport: sharedTransport()}
}
