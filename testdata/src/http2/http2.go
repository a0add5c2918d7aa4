package http2

import (
	"net/http"
	"time"

	"golang.org/x/net/http2"
)

func bare() *http2.Transport {
	return &http2.Transport{AllowHTTP: true} // want `http2.Transport has no IdleConnTimeout.*or ReadIdleTimeout below it`
}

func idleSet() *http2.Transport {
	return &http2.Transport{IdleConnTimeout: 90 * time.Second}
}

func idleTooLong() *http2.Transport {
	return &http2.Transport{IdleConnTimeout: time.Hour} // want `http2.Transport IdleConnTimeout is 3600s`
}

// readIdle pings idle connections every 30s: the health check keeps the
// flow alive (and replaces a dead connection).
func readIdle() *http2.Transport {
	return &http2.Transport{ReadIdleTimeout: 30 * time.Second, PingTimeout: 15 * time.Second}
}

func readIdleTooLong() *http2.Transport {
	return &http2.Transport{ReadIdleTimeout: 10 * time.Minute} // want `http2.Transport has no IdleConnTimeout`
}

func readIdleDynamic(d time.Duration) *http2.Transport {
	return &http2.Transport{ReadIdleTimeout: d}
}

// configure: http2.ConfigureTransport is not a finding of its own; the
// HTTP/2 side inherits t1, reported once at t1.
func configure() *http.Transport {
	t1 := &http.Transport{} // want `http.Transport has no IdleConnTimeout`
	_ = http2.ConfigureTransport(t1)
	return t1
}

func configureSafe() *http.Transport {
	t1 := &http.Transport{IdleConnTimeout: 90 * time.Second}
	_ = http2.ConfigureTransport(t1)
	return t1
}

func configureTransports() *http2.Transport {
	t1 := &http.Transport{IdleConnTimeout: 90 * time.Second}
	t2, _ := http2.ConfigureTransports(t1)
	t2.ReadIdleTimeout = 20 * time.Second
	return t2
}

func configureTransportsBad() *http2.Transport {
	t1 := &http.Transport{IdleConnTimeout: 90 * time.Second}
	t2, _ := http2.ConfigureTransports(t1)
	t2.IdleConnTimeout = 0 // want `http2.Transport IdleConnTimeout is 0s`
	return t2
}
