package multilinelit

import (
	"net/http"
	"time"
)

func multiLine() *http.Client {
	return &http.Client{
		Timeout: 10 * time.Second,
		Transport: &http.Transport{ // want `has no IdleConnTimeout`
			Proxy:               http.ProxyFromEnvironment, // from the environment
			MaxIdleConns:        100,                       // across hosts
			MaxIdleConnsPerHost: 10,
		},
	}
}

func lastComment() *http.Transport {
	return &http.Transport{ // want `has no IdleConnTimeout`
		MaxIdleConns: 1,
		// more settings to come
	}
}
