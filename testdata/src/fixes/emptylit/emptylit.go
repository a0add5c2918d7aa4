package emptylit

import (
	"net/http"
	"time"
)

var _ = time.Second

func empty() *http.Client {
	return &http.Client{Transport: &http.Transport{}} // want `has no IdleConnTimeout`
}

func value() http.Transport {
	return http.Transport{} // want `has no IdleConnTimeout`
}
