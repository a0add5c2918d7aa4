// Package grpc is a stub of google.golang.org/grpc for the fixtures: the
// dial API with the signatures of grpc-go v1.7x.
package grpc

import (
	"context"
	"net"
	"time"

	"google.golang.org/grpc/keepalive"
)

type DialOption interface{ apply() }

type option struct{}

func (option) apply() {}

type ClientConn struct{}

func (*ClientConn) Close() error { return nil }

func (*ClientConn) Invoke(ctx context.Context, method string, args, reply any, opts ...CallOption) error {
	return nil
}

type CallOption interface{}

type TransportCredentials interface{}

func NewClient(target string, opts ...DialOption) (*ClientConn, error) { return &ClientConn{}, nil }

func Dial(target string, opts ...DialOption) (*ClientConn, error) { return &ClientConn{}, nil }

func DialContext(ctx context.Context, target string, opts ...DialOption) (*ClientConn, error) {
	return &ClientConn{}, nil
}

func WithIdleTimeout(d time.Duration) DialOption { return option{} }

func WithKeepaliveParams(kp keepalive.ClientParameters) DialOption { return option{} }

func WithContextDialer(f func(context.Context, string) (net.Conn, error)) DialOption {
	return option{}
}

func WithTransportCredentials(creds TransportCredentials) DialOption { return option{} }

func WithUserAgent(s string) DialOption { return option{} }

func WithBlock() DialOption { return option{} }
