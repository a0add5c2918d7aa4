// Package grpcloopback holds gRPC channels whose target provably names
// this host: a constant localhost, 127.0.0.1, [::1] or unix: target, or
// the address of a listener the function opened on a loopback address.
// No middlebox sits in front of them. Targets from flags or configuration
// stay checked.
package grpcloopback

import (
	"context"
	"flag"
	"net"

	"google.golang.org/grpc"
)

const agentAddr = "localhost:4317"

func localhost() (*grpc.ClientConn, error) { return grpc.NewClient(agentAddr) }

func loopbackIP() (*grpc.ClientConn, error) { return grpc.NewClient("127.0.0.1:50051") }

func loopbackIPv6() (*grpc.ClientConn, error) { return grpc.NewClient("[::1]:50051") }

func unixSocket() (*grpc.ClientConn, error) { return grpc.NewClient("unix:///var/run/agent.sock") }

func passthrough(ctx context.Context) (*grpc.ClientConn, error) {
	return grpc.DialContext(ctx, "passthrough:///localhost:9090")
}

// ownListener dials the listener it opened on a loopback address.
func ownListener() (*grpc.ClientConn, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	go serve(l)
	return grpc.NewClient(l.Addr().String())
}

// ownListenerScheme adds a scheme to the listener's address.
func ownListenerScheme() (*grpc.ClientConn, error) {
	lis, _ := net.Listen("tcp", "localhost:0")
	target := "passthrough:///" + lis.Addr().String()
	return grpc.NewClient(target)
}

func serve(net.Listener) {}

var addr = flag.String("addr", "localhost:50051", "server address")

// fromFlag: the default is local, the value is the user's. Reported.
func fromFlag() (*grpc.ClientConn, error) {
	return grpc.NewClient(*addr) // want `\(grpc-no-idle-timeout\)$`
}

// allInterfaces listens on every interface: not provably loopback.
func allInterfaces() (*grpc.ClientConn, error) {
	l, _ := net.Listen("tcp", ":0")
	return grpc.NewClient(l.Addr().String()) // want `\(grpc-no-idle-timeout\)$`
}

// remote is another host. Reported.
func remote() (*grpc.ClientConn, error) {
	return grpc.NewClient("dns:///api.example.com:443") // want `\(grpc-no-idle-timeout\)$`
}

// lookalike is not localhost. Reported.
func lookalike() (*grpc.ClientConn, error) {
	return grpc.NewClient("localhost.example.com:443") // want `\(grpc-no-idle-timeout\)$`
}

// reassigned: the listener variable is written twice. Reported.
func reassigned(remote bool) (*grpc.ClientConn, error) {
	l, _ := net.Listen("tcp", "127.0.0.1:0")
	if remote {
		l, _ = net.Listen("tcp", "0.0.0.0:0")
	}
	return grpc.NewClient(l.Addr().String()) // want `\(grpc-no-idle-timeout\)$`
}
