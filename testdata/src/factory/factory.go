// Package factory stands for another package that builds transports.
package factory

import "net/http"

// New returns a transport whose settings this package's callers adjust.
func New() *http.Transport {
	return &http.Transport{} // want `http.Transport has no IdleConnTimeout`
}
