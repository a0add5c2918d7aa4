// Package http2 is a stub of golang.org/x/net/http2 for fixtures.
package http2

import (
	"context"
	"crypto/tls"
	"net"
	"net/http"
	"time"
)

type Transport struct {
	DialTLS          func(network, addr string, cfg *tls.Config) (net_Conn, error)
	DialTLSContext   func(ctx context.Context, network, addr string, cfg *tls.Config) (net.Conn, error)
	TLSClientConfig  *tls.Config
	AllowHTTP        bool
	IdleConnTimeout  time.Duration
	ReadIdleTimeout  time.Duration
	PingTimeout      time.Duration
	WriteByteTimeout time.Duration
}

type net_Conn interface{}

func (t *Transport) RoundTrip(req *http.Request) (*http.Response, error) { return nil, nil }

func ConfigureTransport(t1 *http.Transport) error { return nil }

func ConfigureTransports(t1 *http.Transport) (*Transport, error) { return &Transport{}, nil }
