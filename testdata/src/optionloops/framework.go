package optionloops // want package:"pools"

import (
	"net/http"
	"time"
)

// The framework pattern: the server literal sets only Addr and Handler,
// then applies options in a loop; the framework always passes one, built
// by a method, that sets ReadTimeout from a configured duration whose
// default is 5s. IdleTimeout is never set, so the server closes idle
// connections after ReadTimeout, before the balancer does.

// ServerOption configures a server.
type ServerOption func(*http.Server)

// Config is the framework's configuration; DefaultConfig gives its
// defaults.
type Config struct {
	ReadTimeout time.Duration
	Addr        string
}

func DefaultConfig() Config {
	return Config{ReadTimeout: 5 * time.Second, Addr: ":8080"}
}

// timeouts is the option the framework always passes.
func (c *Config) timeouts() ServerOption {
	return func(s *http.Server) { s.ReadTimeout = c.ReadTimeout }
}

func newHTTPServer(addr string, h http.Handler, opts ...ServerOption) *http.Server {
	srv := &http.Server{Addr: addr, Handler: h} // want `http.Server closes idle connections after 5s \(ReadTimeout, since IdleTimeout is unset\), before the balancer's 60s`
	for _, o := range opts {
		o(srv)
	}
	return srv
}

// App is a service built on the framework.
type App struct {
	cfg Config
	srv *http.Server
}

func (a *App) Start(h http.Handler) error {
	a.srv = newHTTPServer(a.cfg.Addr, h, a.cfg.timeouts())
	return a.srv.ListenAndServe()
}

// withIdle raises the idle timeout above the balancer's.
func withIdle(d time.Duration) ServerOption {
	return func(s *http.Server) { s.IdleTimeout = d }
}

func newTunedServer(opts ...ServerOption) *http.Server {
	srv := &http.Server{Addr: ":8081"}
	for _, o := range opts {
		o(srv)
	}
	return srv
}

// Negative: IdleTimeout above the balancer's wins over the short
// ReadTimeout.
func (a *App) StartTuned() error {
	return newTunedServer(a.cfg.timeouts(), withIdle(2*time.Minute)).ListenAndServe()
}
