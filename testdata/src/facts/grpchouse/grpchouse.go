package grpchouse // want package:"pools"

// Package grpchouse is the house package services dial through: it adds
// its credentials to the options its callers pass. Its callers' calls are
// the sites; its own calls, which no caller in the package makes, are
// judged as most users call them, with no options
// (factory-default-unbounded).

import (
	"context"
	"net"
	"time"

	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials/insecure"
)

func Dial(addr string, opts ...grpc.DialOption) (*grpc.ClientConn, error) { // want Dial:`pool\(opens google.golang.org/grpc.ClientConn with \{param 1\}\)`
	all := append([]grpc.DialOption{grpc.WithTransportCredentials(insecure.NewCredentials())}, opts...)
	return grpc.NewClient(addr, all...) // want `gRPC channel from grpc.NewClient in exported Dial called with no options keeps idle connections for 1800s by default.*\(factory-default-unbounded\)$`
}

// DialBounded adds an idle timeout of its own.
func DialBounded(addr string, opts ...grpc.DialOption) (*grpc.ClientConn, error) { // want DialBounded:`pool\(opens google.golang.org/grpc.ClientConn with \{WithIdleTimeout=60000000000, param 1\}\)`
	return grpc.NewClient(addr, append(opts, grpc.WithIdleTimeout(time.Minute))...)
}

// Check dials, calls and closes: the channel dies with the call.
func Check(addr string, opts ...grpc.DialOption) error {
	conn, err := grpc.NewClient(addr, opts...)
	if err != nil {
		return err
	}
	defer conn.Close()
	return nil
}

// ClientConfig dials with a method, as configuration packages do.
type ClientConfig struct{ Endpoint string }

func (c *ClientConfig) dialOptions() []grpc.DialOption {
	return []grpc.DialOption{grpc.WithTransportCredentials(insecure.NewCredentials())}
}

func (c *ClientConfig) ToClientConn(extra ...grpc.DialOption) (*grpc.ClientConn, error) { // want ToClientConn:`pool\(opens google.golang.org/grpc.ClientConn with \{param 0\}\)`
	return grpc.NewClient(c.Endpoint, append(c.dialOptions(), extra...)...) // want `in exported ToClientConn called with no options.*\(factory-default-unbounded\)$`
}

// DialVia adds a dial function, which a fact cannot carry: no wrapper
// fact, its callers' calls are no sites (its own call is dynamic).
func DialVia(addr string, opts ...grpc.DialOption) (*grpc.ClientConn, error) {
	d := &net.Dialer{KeepAlive: 15 * time.Second}
	return grpc.NewClient(addr, append(opts, grpc.WithContextDialer(func(ctx context.Context, a string) (net.Conn, error) {
		return d.DialContext(ctx, "tcp", a)
	}))...)
}
