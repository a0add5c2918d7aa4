package factorydefaultoff // want package:"pools"

// Package factorydefaultoff is an application's package whose exported
// factories only the application calls: with -skip-factory-defaults they
// are not judged as a library's users would call them.

import (
	"context"
	"net/http"
	"time"

	"google.golang.org/grpc"
)

func NewClient(ctx context.Context, target string, opts ...grpc.DialOption) (*grpc.ClientConn, error) { // want NewClient:`pool\(opens google.golang.org/grpc.ClientConn with \{param 2\}\)`
	return grpc.NewClient(target, opts...)
}

type TransportOption func(*http.Transport)

func NewTransport(opts ...TransportOption) *http.Transport {
	t := &http.Transport{}
	for _, o := range opts {
		o(t)
	}
	return t
}

// Config configures NewConfigured.
type Config struct{ Idle time.Duration }

// NewConfigured is judged with a zero Config by default (IdleConnTimeout
// 0), not with -skip-factory-defaults (dynamic, as before).
func NewConfigured(cfg Config) *http.Transport { // want NewConfigured:`pool\(returns net/http.Transport \{IdleConnTimeout=\?\}\)`
	return &http.Transport{IdleConnTimeout: cfg.Idle}
}
