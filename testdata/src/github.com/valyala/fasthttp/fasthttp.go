// Package fasthttp is a stub of github.com/valyala/fasthttp's Server for
// the fixtures: the fields and methods the analyzer reads (v1.80.0).
package fasthttp

import (
	"net"
	"time"
)

// RequestCtx stands for the request context handlers get.
type RequestCtx struct{}

// RequestHandler serves a request.
type RequestHandler func(ctx *RequestCtx)

// Server is fasthttp's server. idleTimeout() is IdleTimeout when it is
// non-zero, else ReadTimeout.
type Server struct {
	Handler          RequestHandler
	Name             string
	ReadTimeout      time.Duration
	WriteTimeout     time.Duration
	IdleTimeout      time.Duration
	DisableKeepalive bool
	Concurrency      int
}

func (s *Server) Serve(ln net.Listener) error                              { return nil }
func (s *Server) ServeTLS(ln net.Listener, certFile, keyFile string) error { return nil }
func (s *Server) ListenAndServe(addr string) error                         { return nil }
func (s *Server) ListenAndServeTLS(addr, certFile, keyFile string) error   { return nil }
func (s *Server) Shutdown() error                                          { return nil }

// ListenAndServe serves handler on addr with a zero Server.
func ListenAndServe(addr string, handler RequestHandler) error { return nil }
