package optionloopfix

import (
	"net/http"
	"time"
)

type Option func(*http.Transport)

func withIdle(d time.Duration) Option {
	return func(t *http.Transport) { t.IdleConnTimeout = d }
}

func newTransport(opts ...Option) *http.Transport {
	t := &http.Transport{}
	for _, o := range opts {
		o(t)
	}
	return t
}

// The value an option loop applies is fixed where the caller gives it.
var client = &http.Client{Transport: newTransport(withIdle(10 * time.Minute))} // want `IdleConnTimeout is 600s, not below the 350s limit`

type ServerOption func(*http.Server)

func withRead(d time.Duration) ServerOption {
	return func(s *http.Server) { s.ReadTimeout = d }
}

func newServer(opts ...ServerOption) *http.Server {
	s := &http.Server{Addr: ":8080"} // want `closes idle connections after 10s \(ReadTimeout, since IdleTimeout is unset\)`
	for _, o := range opts {
		o(s)
	}
	return s
}

var server = newServer(withRead(10 * time.Second))
