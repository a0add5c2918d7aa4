// Package nonetworkdial holds pools whose dial function returns a
// connection it did not dial: the end of a net.Pipe, a child process's
// stdin and stdout, an in-memory listener's conn. No middlebox sits on the
// path, as with a unix socket. Found on a language-server client that
// speaks HTTP/2 over a child's pipes.
package nonetworkdial

import (
	"context"
	"crypto/tls"
	"io"
	"net"
	"net/http"
	"os/exec"
	"time"

	"golang.org/x/net/http2"
	"google.golang.org/grpc"
	"google.golang.org/grpc/test/bufconn"
)

// stdioConn is a net.Conn over a child process's stdin and stdout: it
// wraps no network connection.
type stdioConn struct {
	r io.ReadCloser
	w io.WriteCloser
}

func (c *stdioConn) Read(b []byte) (int, error)         { return c.r.Read(b) }
func (c *stdioConn) Write(b []byte) (int, error)        { return c.w.Write(b) }
func (c *stdioConn) Close() error                       { return c.w.Close() }
func (c *stdioConn) LocalAddr() net.Addr                { return nil }
func (c *stdioConn) RemoteAddr() net.Addr               { return nil }
func (c *stdioConn) SetDeadline(t time.Time) error      { return nil }
func (c *stdioConn) SetReadDeadline(t time.Time) error  { return nil }
func (c *stdioConn) SetWriteDeadline(t time.Time) error { return nil }

// childTransport speaks HTTP/2 to a child process over its pipes: quiet.
func childTransport(cmd *exec.Cmd) (*http2.Transport, error) {
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	stdin, err := cmd.StdinPipe()
	if err != nil {
		return nil, err
	}
	conn := &stdioConn{r: stdout, w: stdin}
	return &http2.Transport{
		AllowHTTP: true,
		DialTLSContext: func(ctx context.Context, network, addr string, cfg *tls.Config) (net.Conn, error) {
			return conn, nil
		},
	}, nil
}

// pipeTransport hands out the client end of a net.Pipe: quiet.
func pipeTransport() (*http.Transport, net.Conn) {
	client, server := net.Pipe()
	return &http.Transport{
		DialContext: func(ctx context.Context, network, addr string) (net.Conn, error) {
			return client, nil
		},
	}, server
}

// memListener is an in-memory listener: Dial makes a pipe and hands the
// other end to Accept.
type memListener struct{ conns chan net.Conn }

func (l *memListener) DialContext(ctx context.Context, network, addr string) (net.Conn, error) {
	c1, c2 := net.Pipe()
	select {
	case l.conns <- c2:
		return c1, nil
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

// inMemory dials through the in-memory listener's method: quiet.
func inMemory(l *memListener) *http.Transport {
	return &http.Transport{DialContext: l.DialContext}
}

// grpcInMemory: the same for a gRPC channel's context dialer: quiet.
func grpcInMemory(l *memListener) (*grpc.ClientConn, error) {
	return grpc.NewClient("passthrough:///mem", grpc.WithContextDialer(func(ctx context.Context, s string) (net.Conn, error) {
		return l.DialContext(ctx, "pipe", s)
	}))
}

// bufconnChannel dials grpc-go's in-memory listener: quiet.
func bufconnChannel() (*grpc.ClientConn, error) {
	lis := bufconn.Listen(1 << 20)
	return grpc.NewClient("passthrough:///bufnet", grpc.WithContextDialer(func(ctx context.Context, _ string) (net.Conn, error) {
		return lis.DialContext(ctx)
	}))
}

// tlsOverPipe wraps the pipe in TLS: still no network. Quiet.
func tlsOverPipe() *http.Transport {
	c, _ := net.Pipe()
	return &http.Transport{
		DialContext: func(ctx context.Context, network, addr string) (net.Conn, error) {
			return tls.Client(c, &tls.Config{}), nil
		},
	}
}

// tlsOnly replaces only the TLS dialer: plain http:// requests still dial
// the network. Reported.
func tlsOnly() *http.Transport {
	c, _ := net.Pipe()
	return &http.Transport{ // want `\(no-idle-timeout\)$`
		DialTLSContext: func(ctx context.Context, network, addr string) (net.Conn, error) {
			return c, nil
		},
	}
}

// captured returns a conn its caller made, from who knows where: reported.
func captured(conn net.Conn) *http.Transport {
	return &http.Transport{ // want `\(no-idle-timeout\)$`
		DialContext: func(ctx context.Context, network, addr string) (net.Conn, error) {
			return conn, nil
		},
	}
}

// dialedElsewhere returns a TCP conn dialed before: reported.
func dialedElsewhere(addr string) (*http.Transport, error) {
	conn, err := net.Dial("tcp", addr)
	if err != nil {
		return nil, err
	}
	return &http.Transport{ // want `\(no-idle-timeout\)$`
		DialContext: func(ctx context.Context, network, a string) (net.Conn, error) {
			return conn, nil
		},
	}, nil
}

// countingConn wraps a net.Conn.
type countingConn struct {
	net.Conn
	n int
}

// wrapsTCP wraps a dialed conn: reported.
func wrapsTCP() *http.Transport {
	return &http.Transport{ // want `\(no-idle-timeout\)$`
		DialContext: func(ctx context.Context, network, addr string) (net.Conn, error) {
			c, err := net.Dial(network, addr)
			if err != nil {
				return nil, err
			}
			return &countingConn{Conn: c}, nil
		},
	}
}

// wrapsPipe wraps a pipe: quiet.
func wrapsPipe() *http.Transport {
	c, _ := net.Pipe()
	return &http.Transport{
		DialContext: func(ctx context.Context, network, addr string) (net.Conn, error) {
			return &countingConn{Conn: c}, nil
		},
	}
}

// grpcDialsNetwork: a context dialer that dials: reported.
func grpcDialsNetwork(target string) (*grpc.ClientConn, error) {
	return grpc.NewClient(target, grpc.WithContextDialer(func(ctx context.Context, s string) (net.Conn, error) { // want `\(grpc-no-idle-timeout\)$`
		var d net.Dialer
		d.KeepAlive = -1
		return d.DialContext(ctx, "tcp", s)
	}))
}
