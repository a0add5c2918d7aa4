// Package grpcsvc dials through the house package and builds options with
// another package's helpers.
package grpcsvc

import (
	"time"

	"facts/grpchouse"
	"facts/grpcsec"

	"google.golang.org/grpc"
)

func unbounded() (*grpc.ClientConn, error) {
	return grpchouse.Dial("orders:443") // want `gRPC channel from grpchouse.Dial keeps idle connections for 1800s by default`
}

func bounded() (*grpc.ClientConn, error) {
	return grpchouse.Dial("orders:443", grpc.WithIdleTimeout(time.Minute))
}

func viaHelper() (*grpc.ClientConn, error) {
	return grpchouse.Dial("orders:443", grpcsec.Idle())
}

func credentialsOnly() (*grpc.ClientConn, error) {
	return grpchouse.Dial("orders:443", grpcsec.MTLS("svc")) // want `gRPC channel from grpchouse.Dial keeps idle connections`
}

func houseBounded() (*grpc.ClientConn, error) {
	return grpchouse.DialBounded("billing:443")
}

func houseBoundedOverridden() (*grpc.ClientConn, error) {
	return grpchouse.DialBounded("billing:443", grpc.WithIdleTimeout(time.Hour)) // want `WithIdleTimeout is 3600s, not below the 350s limit`
}

func checked() error {
	return grpchouse.Check("orders:443")
}

func sliceWithOtherPackageOption(addr string) (*grpc.ClientConn, error) {
	opts := []grpc.DialOption{grpc.WithUserAgent("svc"), grpcsec.MTLS("svc")}
	return grpc.NewClient(addr, opts...) // want `gRPC channel from grpc.NewClient keeps idle connections`
}

func defaultsWithIdle(addr string) (*grpc.ClientConn, error) {
	return grpc.NewClient(addr, grpcsec.Defaults(grpcsec.Idle())...)
}

func defaults(addr string) (*grpc.ClientConn, error) {
	return grpc.NewClient(addr, grpcsec.Defaults()...) // want `keeps idle connections`
}

func keepaliveNoPermit(addr string) (*grpc.ClientConn, error) {
	return grpc.NewClient(addr, grpcsec.Keepalive()) // want `WithKeepaliveParams lacks PermitWithoutStream: true`
}

// Out of sight: dynamic.
func custom(addr string, f func() grpc.DialOption) (*grpc.ClientConn, error) {
	return grpc.NewClient(addr, grpcsec.Custom(f))
}

// A method that dials for its caller.
func fromConfig(cfg *grpchouse.ClientConfig) (*grpc.ClientConn, error) {
	return cfg.ToClientConn() // want `gRPC channel from grpchouse.ToClientConn keeps idle connections`
}

func fromConfigBounded(cfg *grpchouse.ClientConfig) (*grpc.ClientConn, error) {
	return cfg.ToClientConn(grpc.WithIdleTimeout(time.Minute))
}

func viaDialer() (*grpc.ClientConn, error) {
	return grpchouse.DialVia("orders:443")
}
