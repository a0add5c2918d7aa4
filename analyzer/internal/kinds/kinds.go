// Package kinds describes each pool kind the analyzer checks (net/http,
// x/net/http2, database/sql, gRPC, and the servers of net/http, fasthttp
// and Fiber) as data: how its pools are built, its
// knobs and how each is read, its defaults, what makes a pool safe, its
// rules and its fix style; and matches types with go/types. The rest of
// the pipeline reads these descriptions and never switches on a kind:
// adding a kind is an entry in All plus fixtures.
package kinds

import (
	"go/constant"
	"go/types"
	"strings"
	"time"

	"github.com/keepalivelint/keepalivelint/analyzer/internal/rules"
	"github.com/keepalivelint/keepalivelint/analyzer/internal/values"
)

// A Kind describes one kind of connection pool: how its pools are
// built, which knobs bound the life of an idle connection and how each is
// read, the defaults, what makes a pool safe and how it is fixed. The
// pipeline (the pass's sites, resolve, judge, fix) reads these
// descriptions and never switches on a kind: adding a kind is an entry in
// All plus fixtures.
type Kind struct {
	// Name is how messages name a pool of this kind: "http.Transport".
	Name string
	// typ is the pool's named type ("net/http.Transport"): its methods are
	// the setters, and, when built is true, its composite literals, new(T)
	// and zero values are pools.
	Type  string
	Built bool
	// openers are the functions that return a new pool, with the index of
	// their driver-name argument (-1: none).
	openers map[string]int
	// configs are the openers' settings arguments, by opener: a struct
	// the opener copies into the pool it builds under its knobs' names
	// (fiber.New(fiber.Config{IdleTimeout: d})); its literal is the
	// pool's origin, as a built pool's literal is.
	configs map[string]int
	// Accessor is the method of Type that returns the inner value whose
	// fields are the knobs (fiber's App.Server, the *fasthttp.Server the
	// app serves with): a write through it is a write to the pool.
	Accessor string
	// targets are the openers' target arguments, by opener: a target that
	// provably names this host (index.LocalTarget) opens a pool no
	// middlebox sits in front of.
	targets map[string]int
	// imports lists the packages whose import makes a package worth
	// looking at: a package that imports none holds no site.
	imports []string
	// OptionType is the type of the functional options its openers take,
	// for a kind whose knobs are options ("google.golang.org/grpc.DialOption"):
	// an option is followed as a value wherever it is kept (variables,
	// fields, slices, helpers' results); calls of the functions of its
	// package that are no knob's Option carry nothing idle-relevant.
	OptionType string
	// Knobs are the settings that decide the verdict, in the order they
	// are judged.
	Knobs []Knob
	// DefaultIdle is how long a connection stays idle when no bound knob
	// is set: 0 means forever.
	DefaultIdle time.Duration
	// Clone is the method that copies a pool with its settings ("Clone"),
	// and defaultVar the package variable whose clone starts from
	// defaultVarIdle (http.DefaultTransport, 90s).
	Clone          string
	DefaultVar     string
	DefaultVarIdle time.Duration
	// Closer is the method that lets a pool's idle connections go; a pool
	// on which the function that built it calls closer, and that does not
	// escape, dies with that call.
	Closer string
	// ProbesSuffice: a dialer whose TCP keepalive probes start before the
	// limit makes the pool safe (the middlebox keeps a flow that probes
	// refresh, unless -max-idle names one that needs data).
	ProbesSuffice bool
	// Server: the pool holds a server's idle keep-alive connections, and
	// the limit is the idle timeout of the load balancer in front of it,
	// which must close an idle connection before the server does: a bound
	// must be above that limit, and no bound at all is safe.
	Server bool
	// InProcess reports whether a constant driver name opens a database
	// in the process (no socket, nothing to drop).
	InProcess func(driver string) bool
	// Fronts are the types of other libraries that stand for a pool of
	// this kind (an ORM's handle), and Wraps the functions whose result
	// holds the pool given as their argument of that index
	// (sqlx.NewDb(db, driver): 0).
	Fronts []Front
	Wraps  map[string]int
	// Hint is added to the advice of an unset bound knob ("or
	// ReadIdleTimeout below it").
	Hint string
	Cat  Categories
	Fix  FixStyle
}

// Categories are the categories a kind's findings are reported under.
type Categories struct {
	Unset        string // no bound knob is set and the default keeps connections too long
	TooShort     string // a server's bound is a constant in (0, L]: it closes before its balancer
	NonPositive  string // a bound knob is a constant <= 0: no limit
	TooLong      string // a bound knob is a constant >= L
	KeepAliveOff string // unset, and the dialer sends no TCP keepalive probe before L
	// A ping knob that is set but pings too late (or never), or lacks its
	// required companion; reported instead of unset when the kind names
	// them (empty: the pool is judged as unset).
	PingTooLong  string
	PingNoPermit string
}

// Access says how a knob's value reaches a pool.
type Access int

const (
	ViaField  Access = iota // a field of the pool: its literal's, or a later t.F = x
	ViaSetter               // a method called on the pool: db.SetConnMaxIdleTime(d)
	ViaOption               // a functional option given to the opener: grpc.WithIdleTimeout(d)
)

// role says what a knob's value does to idle connections.
type role int

const (
	Bound    role = iota // a connection idle this long is closed: safe in (0, L)
	Ping                 // an idle connection is health-checked with data this often: safe in (0, L)
	Disables             // the pool keeps no idle connection for the values off accepts
	DialFunc             // the dial function: its net.Dialer's TCP keepalive
	Listener             // a method serving on a listener (its first argument): a unix socket has no balancer in front
)

// A Knob is one setting of a pool kind.
type Knob struct {
	Name   string // the field or method: "IdleConnTimeout", "SetConnMaxIdleTime"
	Access Access
	Role   role
	// For an option: the option function ("google.golang.org/grpc.WithIdleTimeout"),
	// and, when its argument is a struct, the field that holds the value
	// and a boolean field that must be true for the value to count
	// (keepalive.ClientParameters{Time, PermitWithoutStream}).
	Option   string
	Field    string
	Requires string
	Off      func(values.Value) bool // for disables: the values that keep no idle connection
	// TLSOnly: a dial function for TLS connections alone; plain ones go
	// through the kind's other dial functions (DialTLSContext).
	TLSOnly bool
	// UnresolvedIsDynamic: a value that cannot be resolved makes the
	// verdict dynamic. Otherwise it is taken not to help (a configured
	// pool size is a size, not a way to turn pooling off).
	UnresolvedIsDynamic bool
	// Fallback is the field whose value stands for this knob's where the
	// knob is zero (http.Server's ReadTimeout for an IdleTimeout of 0).
	Fallback string
}

// A FixStyle is how a finding of an unset bound knob is fixed.
type FixStyle int

const (
	FixField  FixStyle = iota // add the field to the pool's literal
	FixSetter                 // call the setter after the statement that stores the pool
	FixOption                 // add the option to the opener's arguments
)

var httpTransport = &Kind{
	Name:    "http.Transport",
	Type:    "net/http.Transport",
	Built:   true,
	imports: []string{"net/http"},
	Knobs: []Knob{
		{Name: "DisableKeepAlives", Access: ViaField, Role: Disables, Off: values.Value.IsTrue, UnresolvedIsDynamic: true},
		{Name: "MaxIdleConnsPerHost", Access: ViaField, Role: Disables, Off: isNegative},
		{Name: "IdleConnTimeout", Access: ViaField, Role: Bound, UnresolvedIsDynamic: true},
		{Name: "DialContext", Access: ViaField, Role: DialFunc},
		{Name: "Dial", Access: ViaField, Role: DialFunc},
		{Name: "DialTLSContext", Access: ViaField, Role: DialFunc, TLSOnly: true},
		{Name: "DialTLS", Access: ViaField, Role: DialFunc, TLSOnly: true},
	},
	Clone:          "Clone",
	DefaultVar:     "net/http.DefaultTransport",
	DefaultVarIdle: 90 * time.Second,
	Closer:         "CloseIdleConnections",
	Cat:            transportCategories,
	Fix:            FixField,
}

var http2Transport = &Kind{
	Name:    "http2.Transport",
	Type:    "golang.org/x/net/http2.Transport",
	Built:   true,
	imports: []string{"golang.org/x/net/http2"},
	Knobs: []Knob{
		{Name: "ReadIdleTimeout", Access: ViaField, Role: Ping, UnresolvedIsDynamic: true},
		{Name: "IdleConnTimeout", Access: ViaField, Role: Bound, UnresolvedIsDynamic: true},
		{Name: "DialTLSContext", Access: ViaField, Role: DialFunc, TLSOnly: true},
		{Name: "DialTLS", Access: ViaField, Role: DialFunc, TLSOnly: true},
	},
	Closer: "CloseIdleConnections",
	Hint:   " or ReadIdleTimeout below it (health-check pings)",
	Cat:    transportCategories,
	Fix:    FixField,
}

var transportCategories = Categories{
	Unset:        rules.NoIdleTimeout,
	NonPositive:  rules.NonPositive,
	TooLong:      rules.TooLong,
	KeepAliveOff: rules.KeepAliveDisabled,
}

// sqlDB: a *sql.DB keeps up to two idle connections (more with
// SetMaxIdleConns) and, unless SetConnMaxIdleTime or SetConnMaxLifetime
// says otherwise, keeps them forever. The first query after a quiet period
// is then written into a flow a NAT has dropped; the bytes were sent, so
// database/sql cannot retry it as a bad connection.
var sqlDB = &Kind{
	Name: "database/sql pool",
	Type: "database/sql.DB",
	openers: map[string]int{
		"database/sql.Open":                             0,
		"database/sql.OpenDB":                           -1,
		"github.com/jmoiron/sqlx.Open":                  0,
		"github.com/jmoiron/sqlx.Connect":               0,
		"github.com/jmoiron/sqlx.MustOpen":              0,
		"github.com/jmoiron/sqlx.MustConnect":           0,
		"github.com/jmoiron/sqlx.NewDb":                 1,
		"github.com/jackc/pgx/v4/stdlib.OpenDB":         -1,
		"github.com/jackc/pgx/v5/stdlib.OpenDB":         -1,
		"github.com/jackc/pgx/v5/stdlib.OpenDBFromPool": -1,
		"github.com/jackc/pgx/v4/stdlib.OpenDBFromPool": -1,
	},
	imports: []string{"database/sql", "github.com/jmoiron/sqlx", "github.com/jackc/pgx/v4/stdlib", "github.com/jackc/pgx/v5/stdlib"},
	Fronts:  sqlFronts,
	Wraps:   sqlWraps,
	Knobs: []Knob{
		{Name: "SetMaxIdleConns", Access: ViaSetter, Role: Disables, Off: isNonPositive, UnresolvedIsDynamic: true},
		{Name: "SetConnMaxIdleTime", Access: ViaSetter, Role: Bound, UnresolvedIsDynamic: true},
		{Name: "SetConnMaxLifetime", Access: ViaSetter, Role: Bound, UnresolvedIsDynamic: true},
	},
	Closer:    "Close",
	InProcess: isInProcessDriver,
	Cat: Categories{
		Unset:       rules.SQLNoIdleLimit,
		NonPositive: rules.SQLLimitNonPositive,
		TooLong:     rules.SQLLimitTooLong,
	},
	Fix: FixSetter,
}

// knobNamed returns k's knob called name.
func (k *Kind) knobNamed(name string) (Knob, bool) {
	for _, kn := range k.Knobs {
		if kn.Name == name {
			return kn, true
		}
	}
	return Knob{}, false
}

// HasSetter reports whether method is one of k's setter knobs.
func (k *Kind) HasSetter(method string) bool {
	kn, ok := k.knobNamed(method)
	return ok && kn.Access == ViaSetter
}

// ValueKnob reports whether name is one of k's knobs that hold a value
// (not the dial function or a listener), or a knob's fallback field.
func (k *Kind) ValueKnob(name string) bool {
	kn, ok := k.knobNamed(name)
	if ok {
		return kn.Role != DialFunc && kn.Role != Listener
	}
	for _, kn := range k.Knobs {
		if kn.Fallback == name {
			return true // ReadTimeout, standing for an unset IdleTimeout
		}
	}
	return false
}

// IsBound reports whether name is one of k's bound knobs.
func (k *Kind) IsBound(name string) bool {
	kn, ok := k.knobNamed(name)
	return ok && kn.Role == Bound
}

// FirstBound returns k's first bound knob: the one fixes set.
func (k *Kind) FirstBound() Knob {
	for _, kn := range k.Knobs {
		if kn.Role == Bound {
			return kn
		}
	}
	return Knob{}
}

// PingKnob returns k's first ping knob.
func (k *Kind) PingKnob() Knob {
	for _, kn := range k.Knobs {
		if kn.Role == Ping {
			return kn
		}
	}
	return Knob{}
}

// BoundNames lists k's bound knobs for a message: "IdleConnTimeout",
// "SetConnMaxIdleTime or SetConnMaxLifetime".
func (k *Kind) BoundNames() string {
	var names []string
	for _, kn := range k.Knobs {
		if kn.Role == Bound {
			names = append(names, kn.Name)
		}
	}
	return strings.Join(names, " or ")
}

// grpcChannel: a grpc-go channel keeps its connection until the channel
// has been idle for its idle timeout (30 minutes unless WithIdleTimeout
// says otherwise; 0 turns idleness off); its default dialer leaves TCP
// keepalive at the OS default (two hours on Linux), and keepalive pings
// are sent on an idle channel only with PermitWithoutStream.
var grpcChannel = &Kind{
	Name: "gRPC channel",
	Type: "google.golang.org/grpc.ClientConn",
	openers: map[string]int{
		"google.golang.org/grpc.NewClient":   -1,
		"google.golang.org/grpc.Dial":        -1,
		"google.golang.org/grpc.DialContext": -1,
	},
	targets: map[string]int{
		"google.golang.org/grpc.NewClient":   0,
		"google.golang.org/grpc.Dial":        0,
		"google.golang.org/grpc.DialContext": 1,
	},
	imports:    []string{"google.golang.org/grpc"},
	OptionType: "google.golang.org/grpc.DialOption",
	Knobs: []Knob{
		{Name: "WithIdleTimeout", Access: ViaOption, Role: Bound, Option: "google.golang.org/grpc.WithIdleTimeout", UnresolvedIsDynamic: true},
		{Name: "WithKeepaliveParams", Access: ViaOption, Role: Ping, Option: "google.golang.org/grpc.WithKeepaliveParams",
			Field: "Time", Requires: "PermitWithoutStream", UnresolvedIsDynamic: true},
		{Name: "WithContextDialer", Access: ViaOption, Role: DialFunc, Option: "google.golang.org/grpc.WithContextDialer"},
	},
	DefaultIdle:   30 * time.Minute,
	Closer:        "Close",
	ProbesSuffice: true,
	Cat: Categories{
		Unset:        rules.GRPCNoIdleTimeout,
		NonPositive:  rules.GRPCIdleNonPositive,
		TooLong:      rules.GRPCIdleTooLong,
		PingTooLong:  rules.GRPCKeepaliveTooLong,
		PingNoPermit: rules.GRPCKeepaliveNoPermit,
	},
	Fix: FixOption,
}

// OptionKnob returns k's option knob whose option function is name
// ("google.golang.org/grpc.WithIdleTimeout").
func (k *Kind) OptionKnob(name string) (Knob, bool) {
	for _, kn := range k.Knobs {
		if kn.Access == ViaOption && kn.Option == name {
			return kn, true
		}
	}
	return Knob{}, false
}

// OptionPackage returns the package of k's option type ("google.golang.org/grpc"), or "".
func (k *Kind) OptionPackage() string {
	pkg, _, _ := CutLast(k.OptionType, ".")
	return pkg
}

// IsOption reports whether t is k's option type (option) or a slice of it
// (slice).
func (k *Kind) IsOption(t types.Type) (option, slice bool) {
	if k.OptionType == "" || t == nil {
		return false, false
	}
	if TypeName(t) == k.OptionType {
		return true, false
	}
	if s, ok := types.Unalias(t).Underlying().(*types.Slice); ok && TypeName(s.Elem()) == k.OptionType {
		return false, true
	}
	return false, false
}

// OfOption returns the kind whose option type t is, or a slice of it, or nil.
func OfOption(t types.Type) *Kind {
	for _, k := range All {
		if o, s := k.IsOption(t); o || s {
			return k
		}
	}
	return nil
}

// All lists every pool kind the analyzer checks.
var All = []*Kind{httpTransport, http2Transport, sqlDB, grpcChannel, httpServer, fasthttpServer, fiberV2, fiberV3}

// InProcessDrivers are database/sql driver names whose databases live in
// the process: no socket, so no middlebox can drop an idle connection.
// A driver name starting with "sqlite" counts too (custom registrations
// such as "sqlite3_extended").
var InProcessDrivers = []string{"sqlite", "sqlite3", "sqlcipher", "ql", "ql-mem", "duckdb", "ramsql", "sqlmock"}

func isInProcessDriver(name string) bool {
	for _, d := range InProcessDrivers {
		if name == d {
			return true
		}
	}
	return strings.HasPrefix(name, "sqlite")
}

// netDialer is the dialer whose TCP keepalive decides a dialFunc knob.
const netDialer = "net.Dialer"

// OfType returns the kind whose pools are values of the named type t
// (not a pointer to it), or nil; aliases are resolved and vendor prefixes
// ignored.
func OfType(t types.Type) *Kind {
	name := TypeName(t)
	if name == "" {
		return nil
	}
	for _, k := range All {
		if k.Type == name {
			return k
		}
	}
	return nil
}

// BuiltOfType is kindOfType for the kinds whose pools are built as
// values (literals, new, zero values).
func BuiltOfType(t types.Type) *Kind {
	if k := OfType(t); k != nil && k.Built {
		return k
	}
	return nil
}

// IsDialer reports whether t is net.Dialer.
func IsDialer(t types.Type) bool {
	return TypeName(t) == netDialer
}

// IsTracked reports whether fields of t are recorded by the index: a kind
// built as a value, or the dialer such a kind dials with.
func IsTracked(t types.Type) bool {
	return BuiltOfType(t) != nil || IsDialer(t)
}

// OfOpener returns the kind a function opens, with its driver-name
// argument, by the function's qualified name.
func OfOpener(name string) (*Kind, int, bool) {
	for _, k := range All {
		if arg, ok := k.openers[name]; ok {
			return k, arg, true
		}
		if f, ok := k.FrontOpened(name); ok {
			return k, f.DriverArg, true
		}
	}
	return nil, 0, false
}

// ConfigArg returns the index of the settings argument of k's opener
// name, or -1 when it has none.
func (k *Kind) ConfigArg(name string) int {
	if i, ok := k.configs[name]; ok {
		return i
	}
	return -1
}

// IsAccessor reports whether fn is an accessor: a method of a kind's type
// returning the value whose fields are its knobs (fiber's app.Server()),
// or a front's method returning its pool (gorm's (*DB).DB()). Either way
// the call stands for its receiver's pool.
func IsAccessor(fn *types.Func) bool {
	recv := fn.Signature().Recv()
	if recv == nil {
		return false
	}
	t := Pointee(recv.Type())
	if k := OfType(t); k != nil && k.Accessor != "" && fn.Name() == k.Accessor {
		return true
	}
	_, f, ok := FrontOf(t)
	return ok && f.Accessor == fn.Name()
}

// TargetArg returns the index of the target argument of k's opener
// name, or -1 when it has none.
func (k *Kind) TargetArg(name string) int {
	if i, ok := k.targets[name]; ok {
		return i
	}
	return -1
}

// ImportsPooledClient reports whether pkg imports, directly, a package
// whose pools this analyzer checks; a package that imports none has no site.
func ImportsPooledClient(pkg *types.Package) bool {
	if isPoolPackage(pkg.Path()) {
		return true
	}
	for _, imp := range pkg.Imports() {
		if isPoolPackage(imp.Path()) {
			return true
		}
	}
	return false
}

func isPoolPackage(path string) bool {
	path = TrimVendor(path)
	for _, k := range All {
		for _, p := range k.imports {
			if p == path {
				return true
			}
		}
		for _, f := range k.Fronts { // an ORM's opener
			if pkg, _, _ := CutLast(f.Opener, "."); pkg == path {
				return true
			}
		}
		for w := range k.Wraps { // bun.NewDB: its pool may be opened here
			if pkg, _, _ := CutLast(w, "."); pkg == path {
				return true
			}
		}
	}
	return false
}

// httpServer: a net/http server closes a keep-alive connection idle for
// its IdleTimeout, or for its ReadTimeout when IdleTimeout is 0, and never
// when that is 0 or negative (server.go, idleTimeout). A load balancer in
// front of it pools connections to it; one that sends a request on a
// connection the server is closing gets a reset and answers 502, so the
// server must keep idle connections longer than the balancer does.
var httpServer = &Kind{
	Name:    "http.Server",
	Type:    "net/http.Server",
	Built:   true,
	imports: []string{"net/http"},
	Knobs: []Knob{
		{Name: "SetKeepAlivesEnabled", Access: ViaSetter, Role: Disables, Off: isFalse, UnresolvedIsDynamic: true},
		{Name: "IdleTimeout", Access: ViaField, Role: Bound, Fallback: "ReadTimeout", UnresolvedIsDynamic: true},
		{Name: "Serve", Access: ViaSetter, Role: Listener},
		{Name: "ServeTLS", Access: ViaSetter, Role: Listener},
		{Name: "ListenAndServe", Access: ViaSetter, Role: Listener},
		{Name: "ListenAndServeTLS", Access: ViaSetter, Role: Listener},
	},
	Server: true,
	Cat:    Categories{TooShort: rules.ServerIdleTooShort},
	Fix:    FixField,
}

// fasthttpServer: github.com/valyala/fasthttp's Server.idleTimeout()
// returns IdleTimeout when it is non-zero, else ReadTimeout, and a
// keep-alive connection waits that long for its next request when it is
// positive (server.go, serveConn; read in v1.52 and v1.80): the same
// trap as net/http's. DisableKeepalive closes every connection after its
// response. Proof: TestFasthttpServerBehindBalancer (proofs/).
var fasthttpServer = &Kind{
	Name:    "fasthttp.Server",
	Type:    "github.com/valyala/fasthttp.Server",
	Built:   true,
	imports: []string{"github.com/valyala/fasthttp"},
	Knobs: []Knob{
		{Name: "DisableKeepalive", Access: ViaField, Role: Disables, Off: values.Value.IsTrue, UnresolvedIsDynamic: true},
		{Name: "IdleTimeout", Access: ViaField, Role: Bound, Fallback: "ReadTimeout", UnresolvedIsDynamic: true},
		{Name: "Serve", Access: ViaSetter, Role: Listener},
		{Name: "ServeTLS", Access: ViaSetter, Role: Listener},
		{Name: "ServeTLSEmbed", Access: ViaSetter, Role: Listener},
		{Name: "ListenAndServe", Access: ViaSetter, Role: Listener},
		{Name: "ListenAndServeTLS", Access: ViaSetter, Role: Listener},
		{Name: "ListenAndServeTLSEmbed", Access: ViaSetter, Role: Listener},
	},
	Server: true,
	Cat:    Categories{TooShort: rules.ServerIdleTooShort},
	Fix:    FixField,
}

// fiberApp: a Fiber app (v2 and v3) serves with a fasthttp.Server that
// New builds (app.go, init) from its Config, copying Config.ReadTimeout,
// IdleTimeout and DisableKeepalive into the server's fields of the same
// names, with no default of its own (read in v2.52.16 and v3.7.0); New
// alone builds that server, so writes through app.Server() after New
// hold. The knobs are therefore the server's fields, read from the
// Config literal and from writes through the accessor.
func fiberApp(path string, configs map[string]int) *Kind {
	k := &Kind{
		Name:     "fiber.App",
		Type:     path + ".App",
		openers:  map[string]int{},
		configs:  map[string]int{},
		imports:  []string{path},
		Accessor: "Server",
		Knobs: []Knob{
			{Name: "DisableKeepalive", Access: ViaField, Role: Disables, Off: values.Value.IsTrue, UnresolvedIsDynamic: true},
			{Name: "IdleTimeout", Access: ViaField, Role: Bound, Fallback: "ReadTimeout", UnresolvedIsDynamic: true},
			{Name: "Listener", Access: ViaSetter, Role: Listener},
			{Name: "Listen", Access: ViaSetter, Role: Listener},
		},
		Server: true,
		Cat:    Categories{TooShort: rules.ServerIdleTooShort},
		Fix:    FixField,
	}
	for opener, arg := range configs {
		k.openers[path+"."+opener], k.configs[path+"."+opener] = -1, arg
	}
	return k
}

// fiberV3 adds NewWithCustomCtx(newCtx, config...): its Config is the
// second argument.
var (
	fiberV2 = fiberApp("github.com/gofiber/fiber/v2", map[string]int{"New": 0})
	fiberV3 = fiberApp("github.com/gofiber/fiber/v3", map[string]int{"New": 0, "NewWithCustomCtx": 1})
)

func isFalse(v values.Value) bool {
	return v.C.Kind() == constant.Bool && !constant.BoolVal(v.C)
}

func isNegative(v values.Value) bool {
	return constant.Sign(v.C) < 0
}

func isNonPositive(v values.Value) bool {
	return constant.Sign(v.C) <= 0
}
