package servers // want package:"pools"

// Package servers holds http.Server values behind a load balancer (the
// default -balancer-idle of 60s, an AWS ALB): a server that closes idle
// keep-alive connections at or before the balancer does is reported.

import (
	"net"
	"net/http"
	"time"
)

// ReadTimeoutOnly: IdleTimeout 0 means ReadTimeout, so the server closes
// idle connections after 10s, before the balancer's 60s.
var ReadTimeoutOnly = &http.Server{ // want `http.Server closes idle connections after 10s \(ReadTimeout, since IdleTimeout is unset\), before the balancer's 60s; set IdleTimeout above it, e.g. 75 \* time.Second \(server-idle-timeout-too-short\)`
	Addr:        ":8080",
	ReadTimeout: 10 * time.Second,
}

// IdleTooShort closes idle connections after 30s.
var IdleTooShort = &http.Server{
	IdleTimeout: 30 * time.Second, // want `http.Server closes idle connections after 30s \(IdleTimeout\), before the balancer's 60s`
}

// IdleEqual: at the balancer's timeout is not above it (the race).
var IdleEqual = &http.Server{
	IdleTimeout: 60 * time.Second, // want `after 60s \(IdleTimeout\), before the balancer's 60s`
}

// ExplicitZero: IdleTimeout: 0 is the same as unset.
var ExplicitZero = &http.Server{ // want `after 5s \(ReadTimeout, since IdleTimeout is unset\)`
	IdleTimeout: 0,
	ReadTimeout: 5 * time.Second,
}

// LaterWrite: fields written after the literal count.
func LaterWrite() *http.Server {
	s := &http.Server{Addr: ":80"} // want `after 15s \(ReadTimeout, since IdleTimeout is unset\)`
	s.ReadTimeout = 15 * time.Second
	return s
}

// ZeroValue: a zero server with a ReadTimeout written later.
var zero http.Server // want `after 20s \(ReadTimeout`

func serveZero() error {
	zero.ReadTimeout = 20 * time.Second
	return zero.ListenAndServe()
}

// harden is given a server built elsewhere, whose IdleTimeout it cannot
// see: its ReadTimeout alone says nothing.
func harden(s *http.Server) { // want harden:"pool\\(param 0: ReadTimeout=10000000000\\)"
	s.ReadTimeout = 10 * time.Second
}

// NewServer: new(http.Server) with a short IdleTimeout.
func NewServer() *http.Server {
	s := new(http.Server)
	s.IdleTimeout = 45 * time.Second // want `after 45s \(IdleTimeout\)`
	return s
}

// constIdle is a named constant, followed.
const constIdle = 50 * time.Second

var namedConstant = &http.Server{IdleTimeout: constIdle} // want `after 50s \(IdleTimeout\)`

// ReadShortIdleLong: IdleTimeout above the balancer wins over ReadTimeout.
var ReadShortIdleLong = &http.Server{
	ReadTimeout: 10 * time.Second,
	IdleTimeout: 120 * time.Second,
}

// NoTimeouts: no idle timeout at all; the balancer always closes first.
var NoTimeouts = &http.Server{Addr: ":8080"}

// NegativeIdle: a negative IdleTimeout means no idle timeout, whatever
// ReadTimeout is.
var NegativeIdle = &http.Server{ReadTimeout: 10 * time.Second, IdleTimeout: -1}

// ReadTimeoutLong: ReadTimeout above the balancer's.
var ReadTimeoutLong = &http.Server{ReadTimeout: 90 * time.Second}

// KeepAlivesOff: no keep-alive connection is kept idle.
func KeepAlivesOff() *http.Server {
	s := &http.Server{ReadTimeout: 10 * time.Second}
	s.SetKeepAlivesEnabled(false)
	return s
}

// UnixSocket serves only on a unix socket: no balancer in front.
func UnixSocket(path string) error {
	l, err := net.Listen("unix", path)
	if err != nil {
		return err
	}
	s := &http.Server{ReadTimeout: 10 * time.Second}
	return s.Serve(l)
}

// TCPListener serves on TCP: behind the balancer.
func TCPListener() error {
	l, err := net.Listen("tcp", ":8080")
	if err != nil {
		return err
	}
	s := &http.Server{ReadTimeout: 10 * time.Second} // want `after 10s \(ReadTimeout`
	return s.Serve(l)
}

// UnixAndTCP serves on a unix socket and on TCP: the TCP side is behind
// the balancer.
func UnixAndTCP(path string) error {
	l, err := net.Listen("unix", path)
	if err != nil {
		return err
	}
	s := &http.Server{ReadTimeout: 10 * time.Second} // want `after 10s \(ReadTimeout`
	go s.Serve(l)
	return s.ListenAndServe()
}

// SomePaths: the short IdleTimeout is set on one branch only; the other
// branch keeps no idle timeout.
func SomePaths(short bool) *http.Server {
	s := &http.Server{}
	if short {
		s.IdleTimeout = 5 * time.Second // want `after 5s \(IdleTimeout\)`
	}
	return s
}

// Raised: a configurer raises the idle timeout on every path.
func Raised() *http.Server {
	s := &http.Server{ReadTimeout: 10 * time.Second}
	s.IdleTimeout = 2 * time.Minute
	return s
}

// lookalike has the fields of an http.Server but is not one.
type lookalike struct {
	ReadTimeout, IdleTimeout time.Duration
}

var decoy = &lookalike{ReadTimeout: 10 * time.Second}
