// Package bufconn stubs google.golang.org/grpc/test/bufconn: an in-memory
// listener whose Dial returns one end of a pipe.
package bufconn

import (
	"context"
	"net"
)

type Listener struct{}

func Listen(sz int) *Listener { return &Listener{} }

func (l *Listener) Dial() (net.Conn, error) { c, _ := net.Pipe(); return c, nil }

func (l *Listener) DialContext(ctx context.Context) (net.Conn, error) { return l.Dial() }
