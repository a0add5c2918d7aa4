package grpcstrict // want package:"pools"

// Package grpcstrict: options keepalivelint cannot see are reported only
// with -strict.

import (
	"time"

	"google.golang.org/grpc"
)

func fromCaller(addr string, opts ...grpc.DialOption) (*grpc.ClientConn, error) {
	return grpc.NewClient(addr, opts...) // want `gRPC channel from grpc.NewClient WithIdleTimeout comes from a value keepalivelint cannot resolve \(-strict\)`
}

// An interface method may return any option.
type optioner interface{ DialOptions() []grpc.DialOption }

func fromInterface(addr string, o optioner) (*grpc.ClientConn, error) {
	return grpc.NewClient(addr, o.DialOptions()...) // want `WithIdleTimeout comes from a value keepalivelint cannot resolve`
}

// A function value of unknown origin may return any option.
func fromFuncValue(addr string, opts func() grpc.DialOption) (*grpc.ClientConn, error) {
	return grpc.NewClient(addr, opts()) // want `WithIdleTimeout comes from a value keepalivelint cannot resolve`
}

func fromParam(addr string, d time.Duration) (*grpc.ClientConn, error) {
	return grpc.NewClient(addr, grpc.WithIdleTimeout(d)) // want `WithIdleTimeout comes from a value keepalivelint cannot resolve`
}

func known(addr string) (*grpc.ClientConn, error) {
	return grpc.NewClient(addr, grpc.WithIdleTimeout(time.Minute))
}

// An exported variable written elsewhere in the package, and an exported
// field, may hold what other packages put there.
var Extra []grpc.DialOption

func init() { Extra = append(Extra, grpc.WithUserAgent("x")) }

func exportedWritten(addr string) (*grpc.ClientConn, error) {
	return grpc.NewClient(addr, Extra...) // want `WithIdleTimeout comes from a value keepalivelint cannot resolve`
}

type Config struct{ DialOptions []grpc.DialOption }

func exportedField(c *Config, addr string) (*grpc.ClientConn, error) {
	return grpc.NewClient(addr, c.DialOptions...) // want `WithIdleTimeout comes from a value keepalivelint cannot resolve`
}

// An exported dialing wrapper: its own call takes its options from
// callers out of sight (dynamic); its calls here are sites.
func Dial(addr string, opts ...grpc.DialOption) (*grpc.ClientConn, error) { // want Dial:`pool\(opens google.golang.org/grpc.ClientConn with \{param 1\}\)`
	return grpc.NewClient(addr, opts...) // want `WithIdleTimeout comes from a value keepalivelint cannot resolve`
}

func local() (*grpc.ClientConn, error) {
	return Dial("local:443") // want `gRPC channel from Dial keeps idle connections`
}

// A wrapper also used as a value: its callers are not all in sight.
func dialValue(addr string, opts ...grpc.DialOption) (*grpc.ClientConn, error) {
	return grpc.NewClient(addr, opts...) // want `WithIdleTimeout comes from a value keepalivelint cannot resolve`
}

var dialers = []func(string, ...grpc.DialOption) (*grpc.ClientConn, error){dialValue}

// Options a setter stores for a later dial: the setter is no wrapper, and
// the channel takes what its callers stored (dynamic).
var stored []grpc.DialOption

func SetOptions(opts ...grpc.DialOption) { stored = opts }

func dialStored(addr string) (*grpc.ClientConn, error) {
	return grpc.NewClient(addr, stored...) // want `WithIdleTimeout comes from a value keepalivelint cannot resolve`
}

// Callers that differ: one bounds the channel, one does not.
type mixedPeers struct{ dialOpts []grpc.DialOption }

func newMixedPeers(opts ...grpc.DialOption) *mixedPeers { return &mixedPeers{dialOpts: opts} }

func (p *mixedPeers) connect(addr string) (*grpc.ClientConn, error) {
	return grpc.NewClient(addr, p.dialOpts...) // want `WithIdleTimeout comes from a value keepalivelint cannot resolve`
}

var (
	boundedMixed   = newMixedPeers(grpc.WithIdleTimeout(time.Minute))
	unboundedMixed = newMixedPeers()
)
