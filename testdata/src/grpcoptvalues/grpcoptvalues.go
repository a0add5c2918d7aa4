// Package grpcoptvalues: gRPC dial options followed as values within one
// package: package variables, helpers and methods that build them,
// struct fields, dialing wrappers, and NewClient kept in a function value.
package grpcoptvalues

import (
	"time"

	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials/insecure"
)

// A package variable whose only write is its declaration: a credentials
// option, nothing idle-relevant.
var creds = grpc.WithTransportCredentials(insecure.NewCredentials())

func pkgVarCreds(addr string) (*grpc.ClientConn, error) {
	return grpc.NewClient(addr, creds) // want `gRPC channel from grpc.NewClient keeps idle connections for 1800s by default`
}

var idleOpt = grpc.WithIdleTimeout(time.Minute)

func pkgVarIdle(addr string) (*grpc.ClientConn, error) {
	return grpc.NewClient(addr, creds, idleOpt)
}

// Exported, and never written elsewhere in the package.
var DefaultOptions = []grpc.DialOption{creds, grpc.WithIdleTimeout(2 * time.Minute)}

func exportedVar(addr string) (*grpc.ClientConn, error) {
	return grpc.NewClient(addr, DefaultOptions...)
}

var LongOptions = []grpc.DialOption{grpc.WithIdleTimeout(time.Hour)} // want `WithIdleTimeout is 3600s, not below the 350s limit`

func exportedVarTooLong(addr string) (*grpc.ClientConn, error) {
	return grpc.NewClient(addr, LongOptions...)
}

// A method that builds the slice.
type gateway struct{ Endpoint string }

func (g *gateway) dialOpts() []grpc.DialOption {
	return []grpc.DialOption{creds, grpc.WithUserAgent("gateway")}
}

func (g *gateway) connect() (*grpc.ClientConn, error) {
	return grpc.NewClient(g.Endpoint, g.dialOpts()...) // want `gRPC channel from grpc.NewClient keeps idle connections`
}

type boundedGateway struct{ Endpoint string }

func baseOpts() []grpc.DialOption { return []grpc.DialOption{creds} }

func (g *boundedGateway) dialOpts() []grpc.DialOption {
	opts := baseOpts()
	return append(opts, grpc.WithIdleTimeout(time.Minute))
}

func (g *boundedGateway) connect() (*grpc.ClientConn, error) {
	return grpc.NewClient(g.Endpoint, g.dialOpts()...)
}

// A helper whose option parameters are its caller's arguments.
func withDefaults(extra ...grpc.DialOption) []grpc.DialOption {
	return append([]grpc.DialOption{creds}, extra...)
}

func helperWithIdle(addr string) (*grpc.ClientConn, error) {
	return grpc.NewClient(addr, withDefaults(grpc.WithIdleTimeout(time.Minute))...)
}

func helperWithout(addr string) (*grpc.ClientConn, error) {
	return grpc.NewClient(addr, withDefaults()...) // want `keeps idle connections`
}

// A struct field appended to in a constructor, used in another method.
type pool struct {
	addr     string
	dialOpts []grpc.DialOption
	conn     *grpc.ClientConn
}

func newPool(addr string) *pool {
	p := &pool{addr: addr}
	p.dialOpts = append(p.dialOpts, grpc.WithTransportCredentials(insecure.NewCredentials()))
	return p
}

func (p *pool) connect() error {
	conn, err := grpc.NewClient(p.addr, p.dialOpts...) // want `gRPC channel from grpc.NewClient keeps idle connections`
	p.conn = conn
	return err
}

type boundedPool struct {
	addr     string
	dialOpts []grpc.DialOption
	conn     *grpc.ClientConn
}

func newBoundedPool(addr string) *boundedPool {
	p := &boundedPool{addr: addr, dialOpts: []grpc.DialOption{creds}}
	p.dialOpts = append(p.dialOpts, grpc.WithIdleTimeout(time.Minute))
	return p
}

func (p *boundedPool) connect() error {
	conn, err := grpc.NewClient(p.addr, p.dialOpts...)
	p.conn = conn
	return err
}

// A dialing wrapper whose every caller is in sight: each call is a site,
// judged with the wrapper's options plus its own.
func dialWith(addr string, opts ...grpc.DialOption) (*grpc.ClientConn, error) {
	all := append([]grpc.DialOption{creds}, opts...)
	return grpc.NewClient(addr, all...)
}

func orders() (*grpc.ClientConn, error) {
	return dialWith("orders:443") // want `gRPC channel from dialWith keeps idle connections for 1800s by default`
}

func billing() (*grpc.ClientConn, error) {
	return dialWith("billing:443", grpc.WithIdleTimeout(time.Minute))
}

func ledger() (*grpc.ClientConn, error) {
	return dialWith("ledger:443", grpc.WithIdleTimeout(0)) // want `WithIdleTimeout is 0s, which means no limit`
}

// A chain: an unexported wrapper over the wrapper.
func dialInternal(name string, opts ...grpc.DialOption) (*grpc.ClientConn, error) {
	return dialWith(name+".internal:443", append(opts, grpc.WithUserAgent(name))...)
}

func inventory() (*grpc.ClientConn, error) {
	return dialInternal("inventory") // want `gRPC channel from dialInternal keeps idle connections`
}

func shipping() (*grpc.ClientConn, error) {
	return dialInternal("shipping", idleOpt)
}

// NewClient kept in a function value: a local variable, a field set once.
func funcValue(addr string) (*grpc.ClientConn, error) {
	dial := grpc.NewClient
	return dial(addr, creds) // want `gRPC channel from grpc.NewClient keeps idle connections`
}

type client struct {
	dial func(string, ...grpc.DialOption) (*grpc.ClientConn, error)
}

func newClient() *client { return &client{dial: grpc.NewClient} }

func (c *client) connect(addr string) (*grpc.ClientConn, error) {
	return c.dial(addr, grpc.WithIdleTimeout(time.Minute))
}

func (c *client) connectUnbounded(addr string) (*grpc.ClientConn, error) {
	return c.dial(addr) // want `gRPC channel from grpc.NewClient keeps idle connections`
}

// Negative: out of sight, dynamic (see grpcstrict).

var Extra []grpc.DialOption

func init() { Extra = append(Extra, grpc.WithUserAgent("x")) }

func exportedWritten(addr string) (*grpc.ClientConn, error) {
	return grpc.NewClient(addr, Extra...)
}

type Config struct{ DialOptions []grpc.DialOption }

func exportedField(c *Config, addr string) (*grpc.ClientConn, error) {
	return grpc.NewClient(addr, c.DialOptions...)
}

func dialValue(addr string, opts ...grpc.DialOption) (*grpc.ClientConn, error) {
	return grpc.NewClient(addr, opts...)
}

var dialers = []func(string, ...grpc.DialOption) (*grpc.ClientConn, error){dialValue}

type other struct {
	dial func(string, ...grpc.DialOption) (*grpc.ClientConn, error)
}

func (o *other) set(f func(string, ...grpc.DialOption) (*grpc.ClientConn, error)) { o.dial = f }

func (o *other) connect(addr string) (*grpc.ClientConn, error) {
	return o.dial(addr)
}

// Options a constructor stores for a later dial: what its callers pass.
type peers struct {
	dialOpts []grpc.DialOption
	dial     func(string, ...grpc.DialOption) (*grpc.ClientConn, error)
}

func newPeers(opts ...grpc.DialOption) *peers {
	return &peers{dialOpts: opts, dial: grpc.NewClient}
}

func (p *peers) connect(addr string) (*grpc.ClientConn, error) {
	return p.dial(addr, p.dialOpts...) // want `gRPC channel from grpc.NewClient keeps idle connections`
}

var (
	defaultPeers = newPeers(creds)
	agentPeers   = newPeers(grpc.WithUserAgent("agent"))
)

type boundedPeers struct{ dialOpts []grpc.DialOption }

func newBoundedPeers(opts ...grpc.DialOption) *boundedPeers { return &boundedPeers{dialOpts: opts} }

func (p *boundedPeers) connect(addr string) (*grpc.ClientConn, error) {
	return grpc.NewClient(addr, p.dialOpts...)
}

var (
	fastPeers = newBoundedPeers(grpc.WithIdleTimeout(time.Minute))
	slowPeers = newBoundedPeers(idleOpt)
)

// Callers that differ (one bounds, one does not): dynamic.
type mixedPeers struct{ dialOpts []grpc.DialOption }

func newMixedPeers(opts ...grpc.DialOption) *mixedPeers { return &mixedPeers{dialOpts: opts} }

func (p *mixedPeers) connect(addr string) (*grpc.ClientConn, error) {
	return grpc.NewClient(addr, p.dialOpts...)
}

var (
	boundedMixed   = newMixedPeers(idleOpt)
	unboundedMixed = newMixedPeers(creds)
)
