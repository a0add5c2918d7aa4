// Package footest with -skip-pkgs= (empty): checked like any package.
package footest

import "net/http"

func NewTransport() *http.Transport {
	return &http.Transport{} // want `http.Transport has no IdleConnTimeout`
}
