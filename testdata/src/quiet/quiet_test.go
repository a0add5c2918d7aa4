package quiet

import (
	"net/http"
	"testing"
)

// Test files build short-lived transports: quiet unless -tests.
func TestTransport(t *testing.T) {
	_ = &http.Transport{}
}
