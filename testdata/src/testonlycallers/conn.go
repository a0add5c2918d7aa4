package testonlycallers // want package:"pools"

import (
	"net/http"

	"google.golang.org/grpc"
)

// newChannel is called only from the entry files: quiet.
func newChannel(target string) *grpc.ClientConn {
	conn, err := grpc.NewClient(target)
	if err != nil {
		panic(err)
	}
	return conn
}

// sharedTransport is called only from the entry files, newTransport only
// from sharedTransport: both quiet.
func sharedTransport() *http.Transport {
	return newTransport()
}

func newTransport() *http.Transport {
	return &http.Transport{}
}

// fromTestFile is called from a _test.go file and an entry file: quiet.
func fromTestFile() *http.Transport {
	return &http.Transport{}
}
