package testframework

import "google.golang.org/grpc"

// Dial is production code in the same package: still reported.
func Dial(target string) (*grpc.ClientConn, error) {
	return grpc.NewClient(target) // want `\(grpc-no-idle-timeout\)$`
}
