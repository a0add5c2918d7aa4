package house // want package:"pools"

// Package house is a dialing wrapper: the fix for its callers' channels
// goes to their calls.

import (
	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials/insecure"
)

func Dial(addr string, opts ...grpc.DialOption) (*grpc.ClientConn, error) { // want Dial:`pool\(opens google.golang.org/grpc.ClientConn with \{param 1\}\)`
	all := append([]grpc.DialOption{grpc.WithTransportCredentials(insecure.NewCredentials())}, opts...)
	return grpc.NewClient(addr, all...) // want `\(factory-default-unbounded\)$`
}
