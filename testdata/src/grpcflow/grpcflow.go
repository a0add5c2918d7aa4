// Package grpcflow: gRPC options added on some paths only.
package grpcflow

import (
	"time"

	"google.golang.org/grpc"
)

// Positive: the idle timeout is added only with tls.
func oneBranch(addr string, tls bool) (*grpc.ClientConn, error) {
	var opts []grpc.DialOption
	if tls {
		opts = append(opts, grpc.WithIdleTimeout(time.Minute))
	}
	return grpc.NewClient(addr, opts...) // want `gRPC channel from grpc.NewClient keeps idle connections for 1800s by default on some paths, not below the 350s limit`
}

// Negative: added on both paths.
func bothBranches(addr string, tls bool) (*grpc.ClientConn, error) {
	var opts []grpc.DialOption
	if tls {
		opts = append(opts, grpc.WithIdleTimeout(time.Minute))
	} else {
		opts = append(opts, grpc.WithIdleTimeout(2*time.Minute))
	}
	return grpc.NewClient(addr, opts...)
}

// Negative: added before the branch.
func beforeBranch(addr string, tls bool) (*grpc.ClientConn, error) {
	opts := []grpc.DialOption{grpc.WithIdleTimeout(time.Minute)}
	if tls {
		opts = append(opts, grpc.WithUserAgent("tls"))
	}
	return grpc.NewClient(addr, opts...)
}
