package http2config

import (
	"net/http"
	"time"
)

// HTTP2.SendPingTimeout health-checks HTTP/2 connections only: HTTP/1
// connections of the same transport still idle forever, so the transport
// is reported.
func pingsOnlyHTTP2() *http.Transport {
	return &http.Transport{ // want `http.Transport has no IdleConnTimeout`
		ForceAttemptHTTP2: true,
		HTTP2:             &http.HTTP2Config{SendPingTimeout: 30 * time.Second},
	}
}

func pingsAndIdle() *http.Transport {
	return &http.Transport{
		ForceAttemptHTTP2: true,
		IdleConnTimeout:   90 * time.Second,
		HTTP2:             &http.HTTP2Config{SendPingTimeout: 30 * time.Second},
	}
}
