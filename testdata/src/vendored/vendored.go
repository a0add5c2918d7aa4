package vendored

import "golang.org/x/net/http2"

func vendoredPath() *http2.Transport {
	return &http2.Transport{} // want `http2.Transport has no IdleConnTimeout`
}
