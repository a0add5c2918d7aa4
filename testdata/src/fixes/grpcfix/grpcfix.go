package grpcfix

import (
	"context"

	g "google.golang.org/grpc"
	"google.golang.org/grpc/keepalive"
)

func oneLine(addr string) (*g.ClientConn, error) {
	return g.NewClient(addr, g.WithUserAgent("x")) // want `keeps idle connections`
}

func multiLine(ctx context.Context, addr string) (*g.ClientConn, error) {
	return g.DialContext(ctx, addr, // want `keeps idle connections`
		g.WithUserAgent("x"),
		g.WithBlock(),
	)
}

func noPermit(addr string) (*g.ClientConn, error) {
	return g.NewClient(addr, g.WithKeepaliveParams(keepalive.ClientParameters{Time: 20e9})) // want `lacks PermitWithoutStream`
}

func zero(addr string) (*g.ClientConn, error) {
	return g.NewClient(addr, g.WithIdleTimeout(0)) // want `which means no limit`
}
