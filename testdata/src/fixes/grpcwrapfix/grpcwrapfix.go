package grpcwrapfix

import (
	"google.golang.org/grpc"

	"fixes/grpcwrapfix/house"
)

func orders() (*grpc.ClientConn, error) {
	return house.Dial("orders:443", grpc.WithUserAgent("orders")) // want `gRPC channel from house.Dial keeps idle connections`
}

func billing() (*grpc.ClientConn, error) {
	return house.Dial("billing:443") // want `gRPC channel from house.Dial keeps idle connections`
}

func dialWith(addr string, opts ...grpc.DialOption) (*grpc.ClientConn, error) {
	return house.Dial(addr, append(opts, grpc.WithUserAgent("internal"))...)
}

func ledger() (*grpc.ClientConn, error) {
	return dialWith("ledger:443") // want `gRPC channel from dialWith keeps idle connections`
}
