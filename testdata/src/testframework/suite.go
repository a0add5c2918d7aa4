// Package testframework stands for a package named grpctesting (the name
// is no separate path element): a gRPC test suite that imports testify's
// suite and dials its test server, in a file that is not a _test.go file.
// It imports neither testing nor httptest: the framework makes it test
// support, quiet by default.
package testframework

import (
	"google.golang.org/grpc"

	"github.com/stretchr/testify/suite"
)

// InterceptorTestSuite dials the server it starts.
type InterceptorTestSuite struct {
	suite.Suite
	Client *grpc.ClientConn
}

func (s *InterceptorTestSuite) SetupSuite() {
	conn, err := grpc.NewClient("passthrough:///bufnet")
	if err != nil {
		panic(err)
	}
	s.Client = conn
}
