// Package footest is a test helper package: quiet by default.
package footest

import "net/http"

func NewTransport() *http.Transport {
	return &http.Transport{}
}
