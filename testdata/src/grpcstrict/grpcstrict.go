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

// An interface method may return any option.
type optioner interface{ DialOptions() []grpc.DialOption }

func fromInterface(addr string, o optioner) (*grpc.ClientConn, error) {
	return grpc.NewClient(addr, o.DialOptions()...) // want `WithIdleTimeout comes from a value keepalivelint cannot resolve`
}

// A function value of unknown origin may return any option.
func fromFuncValue(addr string, opts func() grpc.DialOption) (*grpc.ClientConn, error) {
	return grpc.NewClient(addr, opts()) // want `WithIdleTimeout comes from a value keepalivelint cannot resolve`
}

func fromParam(addr string, d time.Duration) (*grpc.ClientConn, error) {
	return grpc.NewClient(addr, grpc.WithIdleTimeout(d)) // want `WithIdleTimeout comes from a value keepalivelint cannot resolve`
}

func known(addr string) (*grpc.ClientConn, error) {
	return grpc.NewClient(addr, grpc.WithIdleTimeout(time.Minute))
}
