package analyzer

import (
	"go/constant"
	"go/types"
	"strings"
	"time"
)

// A poolKind describes one kind of connection pool: how its pools are
// built, which knobs bound the life of an idle connection and how each is
// read, the defaults, what makes a pool safe and how it is fixed. The
// pipeline (sites.go, settings.go, verdict.go, fix.go) reads these
// descriptions and never switches on a kind: adding a kind is an entry in
// kinds plus fixtures.
type poolKind struct {
	// name is how messages name a pool of this kind: "http.Transport".
	name string
	// typ is the pool's named type ("net/http.Transport"): its methods are
	// the setters, and, when built is true, its composite literals, new(T)
	// and zero values are pools.
	typ   string
	built bool
	// openers are the functions that return a new pool, with the index of
	// their driver-name argument (-1: none).
	openers map[string]int
	// imports lists the packages whose import makes a package worth
	// looking at: a package that imports none holds no site.
	imports []string
	// knobs are the settings that decide the verdict, in the order they
	// are judged.
	knobs []knob
	// defaultIdle is how long a connection stays idle when no bound knob
	// is set: 0 means forever.
	defaultIdle time.Duration
	// clone is the method that copies a pool with its settings ("Clone"),
	// and defaultVar the package variable whose clone starts from
	// defaultVarIdle (http.DefaultTransport, 90s).
	clone          string
	defaultVar     string
	defaultVarIdle time.Duration
	// closer is the method that lets a pool's idle connections go; a pool
	// on which the function that built it calls closer, and that does not
	// escape, dies with that call.
	closer string
	// probesSuffice: a dialer whose TCP keepalive probes start before the
	// limit makes the pool safe (the middlebox keeps a flow that probes
	// refresh, unless -max-idle names one that needs data).
	probesSuffice bool
	// inProcess reports whether a constant driver name opens a database
	// in the process (no socket, nothing to drop).
	inProcess func(driver string) bool
	// hint is added to the advice of an unset bound knob ("or
	// ReadIdleTimeout below it").
	hint string
	cat  kindCategories
	fix  fixStyle
}

// kindCategories are the categories a kind's findings are reported under.
type kindCategories struct {
	unset        string // no bound knob is set and the default keeps connections too long
	nonPositive  string // a bound knob is a constant <= 0: no limit
	tooLong      string // a bound knob is a constant >= L
	keepAliveOff string // unset, and the dialer sends no TCP keepalive probe before L
	// A ping knob that is set but pings too late (or never), or lacks its
	// required companion; reported instead of unset when the kind names
	// them (empty: the pool is judged as unset).
	pingTooLong  string
	pingNoPermit string
}

// access says how a knob's value reaches a pool.
type access int

const (
	viaField  access = iota // a field of the pool: its literal's, or a later t.F = x
	viaSetter               // a method called on the pool: db.SetConnMaxIdleTime(d)
	viaOption               // a functional option given to the opener: grpc.WithIdleTimeout(d)
)

// role says what a knob's value does to idle connections.
type role int

const (
	bound    role = iota // a connection idle this long is closed: safe in (0, L)
	ping                 // an idle connection is health-checked with data this often: safe in (0, L)
	disables             // the pool keeps no idle connection for the values off accepts
	dialFunc             // the dial function: its net.Dialer's TCP keepalive
)

// A knob is one setting of a pool kind.
type knob struct {
	name   string // the field or method: "IdleConnTimeout", "SetConnMaxIdleTime"
	access access
	role   role
	// For an option: the option function ("google.golang.org/grpc.WithIdleTimeout"),
	// and, when its argument is a struct, the field that holds the value
	// and a boolean field that must be true for the value to count
	// (keepalive.ClientParameters{Time, PermitWithoutStream}).
	option   string
	field    string
	requires string
	off      func(value) bool // for disables: the values that keep no idle connection
	// unresolvedIsDynamic: a value that cannot be resolved makes the
	// verdict dynamic. Otherwise it is taken not to help (a configured
	// pool size is a size, not a way to turn pooling off).
	unresolvedIsDynamic bool
}

// A fixStyle is how a finding of an unset bound knob is fixed.
type fixStyle int

const (
	fixField  fixStyle = iota // add the field to the pool's literal
	fixSetter                 // call the setter after the statement that stores the pool
	fixOption                 // add the option to the opener's arguments
)

var httpTransport = &poolKind{
	name:    "http.Transport",
	typ:     "net/http.Transport",
	built:   true,
	imports: []string{"net/http"},
	knobs: []knob{
		{name: "DisableKeepAlives", access: viaField, role: disables, off: value.isTrue, unresolvedIsDynamic: true},
		{name: "MaxIdleConnsPerHost", access: viaField, role: disables, off: isNegative},
		{name: "IdleConnTimeout", access: viaField, role: bound, unresolvedIsDynamic: true},
		{name: "DialContext", access: viaField, role: dialFunc},
		{name: "Dial", access: viaField, role: dialFunc},
	},
	clone:          "Clone",
	defaultVar:     "net/http.DefaultTransport",
	defaultVarIdle: 90 * time.Second,
	closer:         "CloseIdleConnections",
	cat:            transportCategories,
	fix:            fixField,
}

var http2Transport = &poolKind{
	name:    "http2.Transport",
	typ:     "golang.org/x/net/http2.Transport",
	built:   true,
	imports: []string{"golang.org/x/net/http2"},
	knobs: []knob{
		{name: "ReadIdleTimeout", access: viaField, role: ping, unresolvedIsDynamic: true},
		{name: "IdleConnTimeout", access: viaField, role: bound, unresolvedIsDynamic: true},
	},
	closer: "CloseIdleConnections",
	hint:   " or ReadIdleTimeout below it (health-check pings)",
	cat:    transportCategories,
	fix:    fixField,
}

var transportCategories = kindCategories{
	unset:        categoryNoIdleTimeout,
	nonPositive:  categoryNonPositive,
	tooLong:      categoryTooLong,
	keepAliveOff: categoryKeepAliveDisabled,
}

// sqlDB: a *sql.DB keeps up to two idle connections (more with
// SetMaxIdleConns) and, unless SetConnMaxIdleTime or SetConnMaxLifetime
// says otherwise, keeps them forever. The first query after a quiet period
// is then written into a flow a NAT has dropped; the bytes were sent, so
// database/sql cannot retry it as a bad connection.
var sqlDB = &poolKind{
	name: "database/sql pool",
	typ:  "database/sql.DB",
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
	knobs: []knob{
		{name: "SetMaxIdleConns", access: viaSetter, role: disables, off: isNonPositive, unresolvedIsDynamic: true},
		{name: "SetConnMaxIdleTime", access: viaSetter, role: bound, unresolvedIsDynamic: true},
		{name: "SetConnMaxLifetime", access: viaSetter, role: bound, unresolvedIsDynamic: true},
	},
	closer:    "Close",
	inProcess: isInProcessDriver,
	cat: kindCategories{
		unset:       categorySQLNoIdleLimit,
		nonPositive: categorySQLLimitNonPositive,
		tooLong:     categorySQLLimitTooLong,
	},
	fix: fixSetter,
}

// knobNamed returns k's knob called name.
func (k *poolKind) knobNamed(name string) (knob, bool) {
	for _, kn := range k.knobs {
		if kn.name == name {
			return kn, true
		}
	}
	return knob{}, false
}

// hasSetter reports whether method is one of k's setter knobs.
func (k *poolKind) hasSetter(method string) bool {
	kn, ok := k.knobNamed(method)
	return ok && kn.access == viaSetter
}

// valueKnob reports whether name is one of k's knobs that hold a value
// (not the dial function).
func (k *poolKind) valueKnob(name string) bool {
	kn, ok := k.knobNamed(name)
	return ok && kn.role != dialFunc
}

// isBound reports whether name is one of k's bound knobs.
func (k *poolKind) isBound(name string) bool {
	kn, ok := k.knobNamed(name)
	return ok && kn.role == bound
}

// firstBound returns k's first bound knob: the one fixes set.
func (k *poolKind) firstBound() knob {
	for _, kn := range k.knobs {
		if kn.role == bound {
			return kn
		}
	}
	return knob{}
}

// pingKnob returns k's first ping knob.
func (k *poolKind) pingKnob() knob {
	for _, kn := range k.knobs {
		if kn.role == ping {
			return kn
		}
	}
	return knob{}
}

// boundNames lists k's bound knobs for a message: "IdleConnTimeout",
// "SetConnMaxIdleTime or SetConnMaxLifetime".
func (k *poolKind) boundNames() string {
	var names []string
	for _, kn := range k.knobs {
		if kn.role == bound {
			names = append(names, kn.name)
		}
	}
	return strings.Join(names, " or ")
}

// grpcChannel: a grpc-go channel keeps its connection until the channel
// has been idle for its idle timeout (30 minutes unless WithIdleTimeout
// says otherwise; 0 turns idleness off); its default dialer leaves TCP
// keepalive at the OS default (two hours on Linux), and keepalive pings
// are sent on an idle channel only with PermitWithoutStream.
var grpcChannel = &poolKind{
	name: "gRPC channel",
	typ:  "google.golang.org/grpc.ClientConn",
	openers: map[string]int{
		"google.golang.org/grpc.NewClient":   -1,
		"google.golang.org/grpc.Dial":        -1,
		"google.golang.org/grpc.DialContext": -1,
	},
	imports: []string{"google.golang.org/grpc"},
	knobs: []knob{
		{name: "WithIdleTimeout", access: viaOption, role: bound, option: "google.golang.org/grpc.WithIdleTimeout", unresolvedIsDynamic: true},
		{name: "WithKeepaliveParams", access: viaOption, role: ping, option: "google.golang.org/grpc.WithKeepaliveParams",
			field: "Time", requires: "PermitWithoutStream", unresolvedIsDynamic: true},
		{name: "WithContextDialer", access: viaOption, role: dialFunc, option: "google.golang.org/grpc.WithContextDialer"},
	},
	defaultIdle:   30 * time.Minute,
	closer:        "Close",
	probesSuffice: true,
	cat: kindCategories{
		unset:        categoryGRPCNoIdleTimeout,
		nonPositive:  categoryGRPCIdleNonPositive,
		tooLong:      categoryGRPCIdleTooLong,
		pingTooLong:  categoryGRPCKeepaliveTooLong,
		pingNoPermit: categoryGRPCKeepaliveNoPermit,
	},
	fix: fixOption,
}

// kinds lists every pool kind the analyzer checks.
var kinds = []*poolKind{httpTransport, http2Transport, sqlDB, grpcChannel}

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

// kindOfType returns the kind whose pools are values of the named type t
// (not a pointer to it), or nil; aliases are resolved and vendor prefixes
// ignored.
func kindOfType(t types.Type) *poolKind {
	name := typeName(t)
	if name == "" {
		return nil
	}
	for _, k := range kinds {
		if k.typ == name {
			return k
		}
	}
	return nil
}

// builtKindOfType is kindOfType for the kinds whose pools are built as
// values (literals, new, zero values).
func builtKindOfType(t types.Type) *poolKind {
	if k := kindOfType(t); k != nil && k.built {
		return k
	}
	return nil
}

// isDialer reports whether t is net.Dialer.
func isDialer(t types.Type) bool {
	return typeName(t) == netDialer
}

// isTracked reports whether fields of t are recorded by the index: a kind
// built as a value, or the dialer such a kind dials with.
func isTracked(t types.Type) bool {
	return builtKindOfType(t) != nil || isDialer(t)
}

// openerKind returns the kind a function opens, with its driver-name
// argument, by the function's qualified name.
func openerKind(name string) (*poolKind, int, bool) {
	for _, k := range kinds {
		if arg, ok := k.openers[name]; ok {
			return k, arg, true
		}
	}
	return nil, 0, false
}

// importsPooledClient reports whether pkg imports, directly, a package
// whose pools this analyzer checks; a package that imports none has no site.
func importsPooledClient(pkg *types.Package) bool {
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
	path = trimVendor(path)
	for _, k := range kinds {
		for _, p := range k.imports {
			if p == path {
				return true
			}
		}
	}
	return false
}

func isNegative(v value) bool {
	return constant.Sign(v.c) < 0
}

func isNonPositive(v value) bool {
	return constant.Sign(v.c) <= 0
}
