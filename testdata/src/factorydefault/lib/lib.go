package lib // want package:"pools"

// Package lib is a framework's client library: its exported factories
// take options only their users, out of sight, pass. Each is judged as
// most users call it, with no options (factory-default-unbounded).

import (
	"context"
	"net/http"
	"time"

	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials/insecure"
)

// ClientOption configures the framework's gRPC client.
type ClientOption func(*clientOptions)

type clientOptions struct{ dial []grpc.DialOption }

// NewClient dials with the framework's own credentials plus the dial
// options its caller adds; no idle bound or keepalive of its own.
func NewClient(ctx context.Context, target string, opts ...grpc.DialOption) (*grpc.ClientConn, error) { // want NewClient:`pool\(opens google.golang.org/grpc.ClientConn with \{param 2\}\)`
	all := append([]grpc.DialOption{grpc.WithTransportCredentials(insecure.NewCredentials())}, opts...)
	return grpc.NewClient(target, all...) // want `gRPC channel from grpc.NewClient in exported NewClient called with no options keeps idle connections for 1800s by default, not below the 350s limit.*\(factory-default-unbounded\)$`
}

// NewBoundedClient adds an idle timeout of its own: bounded by default.
func NewBoundedClient(target string, opts ...grpc.DialOption) (*grpc.ClientConn, error) { // want NewBoundedClient:`pool\(opens google.golang.org/grpc.ClientConn with \{WithIdleTimeout=60000000000, param 1\}\)`
	return grpc.NewClient(target, append(opts, grpc.WithIdleTimeout(time.Minute))...)
}

// TransportOption configures the framework's HTTP transport.
type TransportOption func(*http.Transport)

// WithIdle bounds idle connections.
func WithIdle(d time.Duration) TransportOption {
	return func(t *http.Transport) { t.IdleConnTimeout = d }
}

// NewTransport applies its callers' options in a loop: with none, the
// transport keeps idle connections forever.
func NewTransport(opts ...TransportOption) *http.Transport {
	t := &http.Transport{} // want `http.Transport from exported NewTransport called with no options has no IdleConnTimeout: idle connections are kept forever.*\(factory-default-unbounded\)$`
	for _, o := range opts {
		o(t)
	}
	return t
}

// NewBoundedTransport bounds it itself; options may change it.
func NewBoundedTransport(opts ...TransportOption) *http.Transport {
	t := &http.Transport{IdleConnTimeout: 90 * time.Second}
	for _, o := range opts {
		o(t)
	}
	return t
}

// NewServer: with no options a server has no idle timeout, which the
// balancer in front of it outlasts: safe by default.
func NewServer(opts ...func(*http.Server)) *http.Server {
	s := &http.Server{Addr: ":8080"}
	for _, o := range opts {
		o(s)
	}
	return s
}

// NewUsedTransport has a caller in the package: the union over the
// visible callers stands (and those out of sight may pass none).
func NewUsedTransport(opts ...TransportOption) *http.Transport {
	t := &http.Transport{} // want `http.Transport has no IdleConnTimeout on some paths.*\(no-idle-timeout\)$`
	for _, o := range opts {
		o(t)
	}
	return t
}

// Default is the package's own client.
var Default = &http.Client{Transport: NewUsedTransport(WithIdle(time.Minute))}
