// Package fasthttpservers holds fasthttp.Server values behind a load
// balancer (the default -balancer-idle of 60s, an AWS ALB): fasthttp's
// Server.idleTimeout() is IdleTimeout, or ReadTimeout when IdleTimeout is
// 0, so a server that closes idle keep-alive connections at or before the
// balancer does is reported, as an http.Server is.
package fasthttpservers

import (
	"net"
	"time"

	"github.com/valyala/fasthttp"
)

func handle(ctx *fasthttp.RequestCtx) {}

// ReadTimeoutOnly: IdleTimeout 0 means ReadTimeout.
var ReadTimeoutOnly = &fasthttp.Server{ // want `fasthttp.Server closes idle connections after 10s \(ReadTimeout, since IdleTimeout is unset\), before the balancer's 60s; set IdleTimeout above it, e.g. 75 \* time.Second \(server-idle-timeout-too-short\)`
	Handler:     handle,
	ReadTimeout: 10 * time.Second,
}

// AuthPortal: the 30s idle timeout of an auth portal behind a 60s ALB.
var AuthPortal = &fasthttp.Server{
	Handler:     handle,
	IdleTimeout: 30 * time.Second, // want `fasthttp.Server closes idle connections after 30s \(IdleTimeout\), before the balancer's 60s`
}

// LaterWrite: a field written after the literal counts.
func LaterWrite() *fasthttp.Server {
	s := &fasthttp.Server{Handler: handle}
	s.IdleTimeout = 15 * time.Second // want `fasthttp.Server closes idle connections after 15s \(IdleTimeout\)`
	return s
}

// LaterReadTimeout: a ReadTimeout written later stands for the unset
// IdleTimeout.
func LaterReadTimeout() *fasthttp.Server {
	s := &fasthttp.Server{Handler: handle} // want `fasthttp.Server closes idle connections after 20s \(ReadTimeout, since IdleTimeout is unset\)`
	s.ReadTimeout = 20 * time.Second
	return s
}

// AboveBalancer: IdleTimeout above the balancer's wins over ReadTimeout.
var AboveBalancer = &fasthttp.Server{
	Handler:     handle,
	ReadTimeout: 10 * time.Second,
	IdleTimeout: 75 * time.Second,
}

// Raised: a short ReadTimeout, with IdleTimeout raised later on every path.
func Raised() *fasthttp.Server {
	s := &fasthttp.Server{Handler: handle, ReadTimeout: 5 * time.Second}
	s.IdleTimeout = 2 * time.Minute
	return s
}

// NoTimeouts: no idle timeout at all; the balancer always closes first.
var NoTimeouts = &fasthttp.Server{Handler: handle}

// KeepaliveOff: every connection is closed after its response, so no
// idle one is kept.
var KeepaliveOff = &fasthttp.Server{Handler: handle, ReadTimeout: 10 * time.Second, DisableKeepalive: true}

// UnixSocket serves only on a unix socket: no balancer in front.
func UnixSocket(path string) error {
	l, err := net.Listen("unix", path)
	if err != nil {
		return err
	}
	s := &fasthttp.Server{Handler: handle, ReadTimeout: 10 * time.Second}
	return s.Serve(l)
}

// TCPListener serves on TCP: behind the balancer.
func TCPListener() error {
	s := &fasthttp.Server{Handler: handle, IdleTimeout: 45 * time.Second} // want `after 45s \(IdleTimeout\)`
	return s.ListenAndServe(":8080")
}

// lookalike has the fields of a fasthttp.Server but is not one.
type lookalike struct {
	ReadTimeout, IdleTimeout time.Duration
}

var decoy = &lookalike{IdleTimeout: 10 * time.Second}
