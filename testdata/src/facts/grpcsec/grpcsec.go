// Package grpcsec returns dial options for other packages: their facts
// say what each result carries.
package grpcsec

import (
	"time"

	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials/insecure"
	"google.golang.org/grpc/keepalive"
)

// MTLS returns a credentials option: nothing idle-relevant.
func MTLS(id string) grpc.DialOption { // want MTLS:`pool\(options \{none\}\)`
	return grpc.WithTransportCredentials(insecure.NewCredentials())
}

// Idle bounds a channel's idle life.
func Idle() grpc.DialOption { // want Idle:`pool\(options \{WithIdleTimeout=60000000000\}\)`
	return grpc.WithIdleTimeout(time.Minute)
}

// Defaults is credentials plus what the caller adds.
func Defaults(extra ...grpc.DialOption) []grpc.DialOption { // want Defaults:`pool\(options \{param 0\}\)`
	return append([]grpc.DialOption{MTLS("default")}, extra...)
}

// Keepalive pings, but not on an idle channel.
func Keepalive() grpc.DialOption { // want Keepalive:`pool\(options \{WithKeepaliveParams=30000000000 without PermitWithoutStream\}\)`
	return grpc.WithKeepaliveParams(keepalive.ClientParameters{Time: 30 * time.Second})
}

// Custom returns whatever its argument makes: out of sight.
func Custom(make func() grpc.DialOption) grpc.DialOption { // want Custom:`pool\(options \{unknown\}\)`
	return make()
}
