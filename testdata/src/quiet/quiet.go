package quiet

import "net/http"

func production() *http.Transport {
	return &http.Transport{} // want `http.Transport has no IdleConnTimeout`
}
