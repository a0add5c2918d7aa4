// Package flowreturn: writes before and after an early return, and pools
// that live in a loop that never ends.
package flowreturn

import (
	"errors"
	"net/http"
	"time"
)

type client struct{ hc *http.Client }

// Positive: the transport is kept before the early return that skips the
// write.
func keptThenEarlyReturn(c *client, fast bool) {
	t := &http.Transport{} // want `has no IdleConnTimeout on some paths`
	c.hc = &http.Client{Transport: t}
	if fast {
		return
	}
	t.IdleConnTimeout = 30 * time.Second
}

// Negative: the early return drops the transport before it is used.
func earlyReturnBeforeUse(fast bool) (*http.Client, error) {
	t := &http.Transport{}
	if fast {
		return nil, errors.New("fast mode needs no client")
	}
	t.IdleConnTimeout = 30 * time.Second
	return &http.Client{Transport: t}, nil
}

// Negative: written before the early return, which keeps it.
func writeBeforeEarlyReturn(c *client, fast bool) {
	t := &http.Transport{}
	t.IdleConnTimeout = 30 * time.Second
	c.hc = &http.Client{Transport: t}
	if fast {
		return
	}
	t.MaxIdleConns = 10
}

// Negative: built after the early return, and written on every path
// from there.
func (c *client) builtAfterEarlyReturn(fast bool) {
	var t *http.Transport
	c.hc = &http.Client{}
	if fast {
		return
	}
	t = &http.Transport{}
	c.hc.Transport = t
	t.IdleConnTimeout = 30 * time.Second
}

type server struct{ tr *http.Transport }

// Positive: stored in a field when built; the early return skips the write.
func (s *server) init(fast bool) error {
	s.tr = &http.Transport{} // want `has no IdleConnTimeout on some paths`
	if fast {
		return nil
	}
	s.tr.IdleConnTimeout = 30 * time.Second
	return nil
}

// Positive: the transport serves a loop that never ends; the write is on
// one branch only.
func serveForever(tls bool, get func(*http.Client)) {
	t := &http.Transport{} // want `has no IdleConnTimeout on some paths`
	if tls {
		t.IdleConnTimeout = 30 * time.Second
	}
	hc := &http.Client{Transport: t}
	for {
		get(hc)
		time.Sleep(time.Minute)
	}
}

func (c *client) init() error { return nil }

// Negative: kept in a local client that the error path drops; the path
// that returns it sets the timeout.
func localHolderErrorPath() (*client, error) {
	t := &http.Transport{}
	c := &client{hc: &http.Client{Transport: t}}
	if err := c.init(); err != nil {
		return nil, err
	}
	t.IdleConnTimeout = 30 * time.Second
	return c, nil
}

// Positive: the local client is returned on the path that skips it.
func localHolderReturned(fast bool) *client {
	t := &http.Transport{} // want `has no IdleConnTimeout on some paths`
	c := &client{hc: &http.Client{Transport: t}}
	if fast {
		return c
	}
	t.IdleConnTimeout = 30 * time.Second
	return c
}
