//go:build !linux

package buildtag

import "net/http"

func platformTransport() *http.Transport {
	return &http.Transport{}
}
