// Package grpclike has an API shaped like grpc-go's: a NewClient with
// variadic options and a ClientConn. It is not grpc-go, so nothing here
// is a gRPC channel.
package grpclike

import "time"

type ClientConn struct{}

type DialOption func(*ClientConn)

func WithIdleTimeout(time.Duration) DialOption { return nil }

func NewClient(target string, opts ...DialOption) (*ClientConn, error) { return &ClientConn{}, nil }

func Dial(target string, opts ...DialOption) (*ClientConn, error) { return &ClientConn{}, nil }

func use() {
	_, _ = NewClient("x")
	_, _ = Dial("x", WithIdleTimeout(0))
}
