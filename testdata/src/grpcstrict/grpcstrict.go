// Package grpcstrict: options keepalivelint cannot see are reported only
// with -strict.
package grpcstrict

import (
	"time"

	"google.golang.org/grpc"
)

func fromCaller(addr string, opts ...grpc.DialOption) (*grpc.ClientConn, error) {
	return grpc.NewClient(addr, opts...) // want `gRPC channel from grpc.NewClient WithIdleTimeout comes from a value keepalivelint cannot resolve \(-strict\)`
}

func defaultOptions() []grpc.DialOption { return nil }

func fromHelper(addr string) (*grpc.ClientConn, error) {
	return grpc.NewClient(addr, defaultOptions()...) // want `WithIdleTimeout comes from a value keepalivelint cannot resolve`
}

func fromParam(addr string, d time.Duration) (*grpc.ClientConn, error) {
	return grpc.NewClient(addr, grpc.WithIdleTimeout(d)) // want `WithIdleTimeout comes from a value keepalivelint cannot resolve`
}

func known(addr string) (*grpc.ClientConn, error) {
	return grpc.NewClient(addr, grpc.WithIdleTimeout(time.Minute))
}
