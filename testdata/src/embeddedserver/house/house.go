package house // want package:"pools"

// Package house holds a house server type that embeds http.Server, built
// by NewServer and configured through setter methods.

import (
	"flag"
	"net/http"
	"time"
)

// Server is the service's HTTP server.
type Server struct {
	http.Server
	name string
}

// NewServer builds a server with no timeouts of its own.
func NewServer(name string) *Server { // want NewServer:`pool\(returns net/http.Server {}\)`
	return &Server{name: name} // want `http.Server closes idle connections after 5s \(ReadTimeout, since IdleTimeout is unset\)`
}

func (s *Server) UseIdleTimeout(d time.Duration) { s.IdleTimeout = d } // want UseIdleTimeout:`pool\(param -1: IdleTimeout=arg 0\)`
func (s *Server) UseReadTimeout(d time.Duration) { s.ReadTimeout = d } // want UseReadTimeout:`pool\(param -1: ReadTimeout=arg 0\)`

// Positive: only a ReadTimeout, 5s: the server closes idle connections
// then, before the balancer.
func admin() error {
	s := NewServer("admin")
	s.UseReadTimeout(5 * time.Second)
	return s.ListenAndServe()
}

// Positive: the setter's argument is the value, reported there.
func public() error {
	s := NewServer("public")
	s.UseIdleTimeout(30 * time.Second) // want `http.Server closes idle connections after 30s \(IdleTimeout\)`
	return s.ListenAndServe()
}

// Negative: an idle timeout above the balancer's wins over ReadTimeout.
func tuned() error {
	s := NewServer("tuned")
	s.UseReadTimeout(5 * time.Second)
	s.UseIdleTimeout(2 * time.Minute)
	return s.ListenAndServe()
}

// Negative: no timeout at all; the balancer closes first.
func plain() error {
	return NewServer("plain").ListenAndServe()
}

// Negative: a literal that builds the embedded server itself is judged
// there (a site of its own).
func explicit() error {
	s := &Server{Server: http.Server{Addr: ":80", IdleTimeout: 2 * time.Minute}}
	s.UseReadTimeout(time.Second)
	return s.ListenAndServe()
}

// lookalike embeds no server: not a pool.
type lookalike struct {
	IdleTimeout time.Duration
}

func (l *lookalike) UseIdleTimeout(d time.Duration) { l.IdleTimeout = d }

func decoy() {
	l := &lookalike{}
	l.UseIdleTimeout(time.Second)
}

// idle is a flag: its default decides unless the command line sets it.
var idle = flag.Duration("idle", 45*time.Second, "idle timeout of keep-alive connections")

// Positive: the flag's default, 45s, is below the balancer's 60s.
func flagged() error {
	s := NewServer("flagged")
	s.UseIdleTimeout(*idle) // want `http.Server closes idle connections after 45s \(IdleTimeout by default: default of flag -idle\)`
	return s.ListenAndServe()
}
