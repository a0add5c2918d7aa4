package loneimport

import "net/http"

func lone() *http.Transport {
	return &http.Transport{} // want `has no IdleConnTimeout`
}
