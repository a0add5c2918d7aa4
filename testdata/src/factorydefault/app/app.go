// Package app uses the library: each of its calls is judged where it is
// made, by the factory's fact, as before.
package app

import (
	"context"
	"time"

	"google.golang.org/grpc"

	"factorydefault/lib"
)

// Positive: the default, taken here.
func dial(ctx context.Context) (*grpc.ClientConn, error) {
	return lib.NewClient(ctx, "billing:443") // want `gRPC channel from lib.NewClient keeps idle connections for 1800s by default.*\(grpc-no-idle-timeout\)$`
}

// Negative: this caller bounds it.
func dialBounded(ctx context.Context) (*grpc.ClientConn, error) {
	return lib.NewClient(ctx, "orders:443", grpc.WithIdleTimeout(time.Minute))
}
