//go:build linux

package buildtag

import "net/http"

func platformTransport() *http.Transport {
	return &http.Transport{} // want `http.Transport has no IdleConnTimeout`
}
