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

func idleOptions() []grpc.DialOption {
	return []grpc.DialOption{grpc.WithIdleTimeout(time.Minute)}
}

// Positive: a helper's options added on some paths only.
func helperOneBranch(addr string, tls bool) (*grpc.ClientConn, error) {
	var opts []grpc.DialOption
	if tls {
		opts = append(opts, idleOptions()...)
	}
	return grpc.NewClient(addr, opts...) // want `keeps idle connections for 1800s by default on some paths`
}

// Negative: a helper's options on every path.
func helperEveryPath(addr string) (*grpc.ClientConn, error) {
	opts := idleOptions()
	return grpc.NewClient(addr, opts...)
}

func dialWith(addr string, opts ...grpc.DialOption) (*grpc.ClientConn, error) {
	return grpc.NewClient(addr, append(opts, grpc.WithUserAgent("flow"))...)
}

// Positive: a wrapper's caller adds the idle timeout on some paths only.
func wrapperOneBranch(addr string, tls bool) (*grpc.ClientConn, error) {
	var opts []grpc.DialOption
	if tls {
		opts = append(opts, grpc.WithIdleTimeout(time.Minute))
	}
	return dialWith(addr, opts...) // want `gRPC channel from dialWith keeps idle connections for 1800s by default on some paths`
}

// Negative: on every path.
func wrapperEveryPath(addr string) (*grpc.ClientConn, error) {
	return dialWith(addr, grpc.WithIdleTimeout(time.Minute))
}
