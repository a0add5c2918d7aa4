// Package analyzer defines keepalivelint, an analysis.Analyzer that reports
// connection pools whose idle connections can outlive a NAT's or load
// balancer's idle timeout.
//
// # Analyzer keepalivelint
//
// keepalivelint: report connection pools whose idle connections can outlive a NAT or load balancer
//
// A pooled keep-alive connection that sits idle longer than the idle timeout
// of a middlebox on its path (an AWS NAT Gateway forgets a flow after 350s,
// an AWS ALB closes an idle connection after 60s) is dropped there without
// the client hearing of it. The next request written on it fails with
// "connection reset by peer". net/http replays a request on a fresh
// connection only when it is idempotent (GET, HEAD, OPTIONS, TRACE, or with
// an Idempotency-Key or X-Idempotency-Key header), so it is the POST that
// fails: the first payment after a quiet period.
//
// &http.Transport{} has IdleConnTimeout 0, which keeps idle connections
// forever (http.DefaultTransport uses 90s). With a nil DialContext,
// net/http dials with a zero net.Dialer, whose TCP keepalive probes (every
// 15s) keep an AWS NAT Gateway or NLB mapping alive; what still breaks is
// a middlebox that needs data rather than probes (AWS ALB and Classic LB,
// Global Accelerator), a server whose keep-alive timeout is shorter than
// the pool's, a dialer with keepalive off, and a pool that never gives its
// sockets back. Hence the two wordings below.
//
// # Sites
//
// Types are matched by go/types identity (aliases, dot imports and
// vendored import paths included), never by field name: a config struct
// with an IdleConnTimeout field is not a transport.
//
//   - composite literals of net/http.Transport and golang.org/x/net/http2.Transport,
//     value or pointer, wherever they stand (alone, nested in another literal,
//     slice or map elements, returned);
//   - new(http.Transport), and variables or struct fields of type
//     http.Transport declared without a value and used as a transport
//     (their address is taken or a method is called on them);
//   - (*http.Transport).Clone(): a clone of http.DefaultTransport starts at
//     90s; a clone of a literal of this package follows that literal (and is
//     not reported again); a clone of anything else has unknown settings;
//   - writes t.IdleConnTimeout = x, t.DisableKeepAlives = x and
//     t.MaxIdleConnsPerHost = x on any transport, whatever its origin (a
//     factory of another package, a parameter).
//
// http2.ConfigureTransport(t1) is not a site: the HTTP/2 side inherits t1,
// which is reported once, at t1. HTTP2: &http.HTTP2Config{SendPingTimeout:
// ...} (Go 1.24+) health-checks HTTP/2 connections only; HTTP/1 connections
// of the same transport still idle forever, so it does not make a transport
// safe.
//
// # database/sql pools
//
// A *sql.DB keeps up to two idle connections (more with SetMaxIdleConns)
// forever unless SetConnMaxIdleTime or SetConnMaxLifetime limits them; the
// first query after a quiet period is written into a dead flow, and since
// the bytes were sent database/sql cannot retry it as a bad connection.
// Pools are opened by database/sql Open and OpenDB; github.com/jmoiron/sqlx
// Open, Connect, MustOpen, MustConnect and NewDb (NewDb over a pool opened
// in the package is that pool); github.com/jackc/pgx (v4 and v5)
// stdlib.OpenDB and OpenDBFromPool. A pool is followed through the variable
// it is assigned to, the struct fields and variables it is copied into (a
// pool in s.db configured in another method of the package counts) and a
// return from the function that opened it (to that function's callers in
// the package). It is safe when SetConnMaxIdleTime(d) or
// SetConnMaxLifetime(d) is called on it with d a constant in (0, L), when
// SetMaxIdleConns(n) is called with a constant n <= 0, when the function
// that opened it closes it (db.Close(), deferred or not) and it does not
// escape (returned, stored in a field or package variable, used by a
// goroutine), or when the driver name is a constant naming an in-process
// database (InProcessDrivers: sqlite, sqlite3, sqlcipher, ql, ql-mem,
// duckdb, ramsql, sqlmock, and any name starting with sqlite). A setter
// given a value that cannot be resolved makes the pool dynamic, unless a
// guard decides it (see Effective settings).
//
// # gRPC channels
//
// A grpc-go channel (google.golang.org/grpc NewClient, Dial, DialContext)
// keeps its connection until the channel has been idle for its idle timeout:
// 30 minutes unless grpc.WithIdleTimeout says otherwise, and never with
// WithIdleTimeout(0). Its default dialer leaves TCP keepalive at the
// operating system's default (two hours on Linux), and keepalive pings are
// sent on a channel without active RPCs only with PermitWithoutStream. Behind
// an AWS NLB or NAT Gateway (350s) the first RPC after a quiet period is
// written into a dead flow and fails with codes.Unavailable.
//
// Options are read where the call gets them: inline, from a variable holding
// one option, or from a slice variable built from literals and appends
// (opts...). Options from a caller (a variadic parameter), a helper's result
// or a slice written through a pointer cannot be seen: the channel is then
// dynamic. A channel is safe when WithIdleTimeout(d) has d in (0, L); when
// WithKeepaliveParams(keepalive.ClientParameters{Time: t,
// PermitWithoutStream: true}) has t in (0, L); when WithContextDialer's
// function dials through one net.Dialer whose TCP keepalive probes start
// before L (probes keep a NAT or NLB flow, so not with -max-idle presets
// whose middlebox needs data: aws-alb, aws-clb, gcp-alb); or when the
// function that made it closes it (conn.Close(), deferred or not) and it does
// not escape.
//
// WithIdleTimeout is the fix that needs no server change. Keepalive pings
// suit long-lived streams, but a grpc-go server by default closes a
// connection whose client pings more often than every 5 minutes, or pings
// without active streams, with GOAWAY "too_many_pings": the server's
// keepalive.EnforcementPolicy (MinTime, PermitWithoutStream) must allow them.
//
// # Effective settings
//
// A site is judged by its effective settings: the literal's fields plus
// every later write through the same variable, a pointer that aliases it,
// or the struct field it is stored in (anywhere in the package); for a
// literal a package function returns, also the writes its callers in the
// package make to the result; for a transport handed to a function as
// &t.IdleConnTimeout, an unknown value. Writes in test files do not count
// unless -tests is set. Constant expressions are folded by go/types (90 *
// time.Second, named constants, time.Duration(n) * time.Second); an
// unexported variable written once, whose address is never taken, has the
// value of that write.
//
// Every path. A write in the function that builds the pool sets the knob
// only on the paths that pass it: a path from the construction that skips
// every write of the knob (if tls { t.IdleConnTimeout = 30 * time.Second })
// keeps the literal's value, or the default, and a finding about an unset
// knob then says "on some paths". The paths that count end where the pool
// outlives the function: a return once the pool has escaped (returned,
// stored in a field or package variable, handed to a call, captured by a
// closure; a local variable that holds it escapes the same way), the
// construction again (the pool of the previous loop iteration, kept), or a
// loop that never ends. A nil check on a value every path has made non-nil
// (if c.KeepAlive == nil { c.KeepAlive = &KeepAlive{...} }) has one branch. Paths that end in panic, log.Fatal or os.Exit,
// that return before the pool is used, or where the opener's error is not
// nil (db, err := sql.Open(...); if err != nil { return err }) keep no
// pool. Writes of different knobs that together cover every path
// (SetConnMaxIdleTime on one branch, SetConnMaxLifetime on the other) make
// the pool safe. A gRPC option counts only if every path from the
// function's entry to the opener adds it. Writes in other functions (a
// configurer method, a factory's callers) count as made on every path,
// except that the writes of a package function the pool is handed to
// (configure(t)) are made at that call.
//
// The control-flow graph is golang.org/x/tools/go/cfg's, built with
// cfg.New only for a function that builds a pool and writes one of its
// knobs outside the pool's literal; most packages build none. Requiring
// the ctrlflow pass would build a graph and export facts for every
// function of every package, and buildssa would build SSA for every
// function: both cost more than the few small graphs the question needs.
//
// Guards. A value that is not a constant is judged by the conditions that
// dominate its use and compare it with a constant: the if (or for, or
// tagless switch case) it is used under, its else branch, the left operand
// of && and ||, and an earlier if in the same block whose body always
// leaves (return, break, continue, panic, log.Fatal). Conversions and
// constant factors are seen through (time.Duration(c.IdleSec) *
// time.Second under c.IdleSec > 0). The value's range is then judged: in
// (0, L) on every point is safe; <= 0 or >= L on every point is a finding
// ("IdleConnTimeout is at least 3600s here"); a count that is positive on
// every point (if n > 0 { db.SetMaxIdleConns(n) }) keeps idle connections;
// any other range is dynamic. A reassignment between the guard and the use
// is not looked for.
//
// Defaults of options. A value read from a field of a struct declared in
// the package is judged by the default the package gives that field, the
// value it holds unless a user sets it: its zero value when nothing in the
// package writes a non-zero value to it (see Rule option-default-unlimited),
// or the one non-zero constant its writes give (the literal of a
// constructor or of the factory an init() registers, a defaults method).
// For DisableKeepAlives a zero default is false: keep-alives stay on, so
// the transport is judged by its idle timeout. A zero default never makes
// a pool safe (SetMaxIdleConns(c.MaxIdle), which would keep no idle
// connection): packages that embed the options struct may give it another
// default, so the pool stays dynamic. A default at or past L is reported
// under the kind's too-long category ("Plugin.MaxLifetime feeds
// SetConnMaxLifetime and defaults to 3600s"). Any other value (a
// parameter, an option with two defaults or one that cannot be resolved, an
// option of another package, an exported variable) is dynamic.
//
// A transport handed to a function through a *http.Transport parameter may
// be configured there: for a function of the package, what it writes
// through that parameter counts; for any other function (Kubernetes'
// utilnet.SetTransportDefaults sets 90s) the settings become dynamic. A
// parameter of interface type (http.RoundTripper) belongs to a wrapper, and
// http2.ConfigureTransport(s) are known to leave idle settings alone. A
// transport that the function building it closes (t.CloseIdleConnections(),
// deferred or not) and does not let escape is safe: its pool dies with the
// call.
//
// # Verdicts
//
// With L the limit (-max-idle, 350s by default):
//
//   - safe: DisableKeepAlives is true; MaxIdleConnsPerHost is a negative
//     constant (net/http then keeps no idle connection; a configured pool
//     size is taken to be a size); for http2.Transport, ReadIdleTimeout in
//     (0, L), whose health-check pings carry data through the middlebox and
//     replace a dead connection; IdleConnTimeout in (0, L) on every path;
//   - dynamic, not reported unless -strict: DisableKeepAlives,
//     ReadIdleTimeout or IdleConnTimeout hold a value that cannot be
//     resolved, or whose guarded range straddles a bound;
//   - reported: IdleConnTimeout unset on some path, a constant (or guarded
//     range) <= 0 (no limit) or >= L, or an option without a default.
//
// # Categories
//
//	no-idle-timeout           IdleConnTimeout unset: idle connections are kept forever.
//	keepalive-disabled        the same, and the transport dials with a net.Dialer of this
//	                          package whose TCP keepalive is off (KeepAlive < 0 without
//	                          KeepAliveConfig.Enable) or starts at L or later, so nothing
//	                          keeps a NAT mapping alive. KeepAliveConfig{Enable: false}
//	                          alone does not turn probes off (net.Dialer documents that
//	                          only a negative KeepAlive does). A dialer with keepalive
//	                          off that feeds no HTTP transport (a resolver, a raw TCP
//	                          proxy) is never reported.
//	idle-timeout-nonpositive  IdleConnTimeout is a constant <= 0: no limit.
//	idle-timeout-too-long     IdleConnTimeout is a constant >= L.
//	sql-no-idle-limit         a database/sql pool with no idle or lifetime limit below L.
//	sql-idle-limit-nonpositive  SetConnMaxIdleTime or SetConnMaxLifetime given a constant <= 0.
//	sql-idle-limit-too-long   SetConnMaxIdleTime or SetConnMaxLifetime given a constant >= L.
//	grpc-no-idle-timeout      a gRPC channel with no WithIdleTimeout: it keeps an idle connection
//	                          for 30 minutes by default, and nothing pings it.
//	grpc-idle-timeout-nonpositive  WithIdleTimeout(d) with a constant d <= 0: never idle.
//	grpc-idle-timeout-too-long  WithIdleTimeout(d) with a constant d >= L.
//	grpc-keepalive-too-long   WithKeepaliveParams with Time >= L or unset (no pings), and no
//	                          idle timeout below L.
//	grpc-keepalive-without-permit  WithKeepaliveParams without PermitWithoutStream: true, so an
//	                          idle channel sends no pings, and no idle timeout below L.
//	option-default-unlimited  a knob is fed from an option (a field of a struct of the package)
//	                          that nothing in the package gives a non-zero default: 0, no limit,
//	                          unless every user sets it.
//	dynamic-idle-timeout      -strict only: a deciding setting cannot be resolved.
//	ignore-without-reason     a //keepalivelint:ignore directive that gives no reason.
//
// A finding about a value is reported where the value is written (the
// literal's field, the later assignment), with the transport as related
// information; a finding about an unset field at the transport, with the
// dialer as related information where it matters.
//
// # Rule option-default-unlimited
//
// A pool knob is fed from an option, a field of a struct declared in the
// package (a config or options struct, typically decoded from a file,
// flags or the environment), and nothing in the package gives that field a
// non-zero value: every write of it is absent or zero. Unless every user
// sets the option, the knob gets 0, which for IdleConnTimeout,
// SetConnMaxIdleTime, SetConnMaxLifetime and grpc.WithIdleTimeout means no
// limit: idle connections are kept forever, and the first request after a
// quiet period is written into a flow the middlebox has dropped.
//
//	type Plugin struct {
//		MaxIdleTime config.Duration `toml:"max_idle_time"`
//	}
//
//	db.SetConnMaxIdleTime(time.Duration(p.MaxIdleTime)) // option-default-unlimited
//
// What gives the option a default: a non-zero constant written to it
// anywhere in the package (a constructor's composite literal, the factory
// an init() registers, a defaults method, keyed or positional; that
// default is then judged); and, leaving the default unknown, a value that
// cannot be resolved (a parameter), its address handed to code that sets
// it (flag.DurationVar(&c.Idle, "idle", 90*time.Second, "")), a struct tag
// naming a default (default, envDefault, env-default), a SetDefault call
// (viper) whose key names the field, or a write in a generated file. An
// exported field of an exported struct that has no decoder tag (json,
// yaml, toml, mapstructure, env, ...) and that the package never builds is
// an argument its importers fill with their own defaults: left dynamic. Decoding into the struct (json, yaml, toml) is what users set, not a
// default: a field a user can set is still reported for its default. A
// guard that excludes zero (if c.Idle > 0) means the option is not read at
// its default there. Fields of structs of other packages follow that
// package's defaults where facts tell them; otherwise they are dynamic.
//
// Reported at the write of the knob, with the field as related
// information. Fix: set a default below L where the struct is built (the
// constructor, the registered factory, the defaults method); no edit is
// suggested.
//
// # Suggested fixes
//
// One fix per finding where an edit is obviously right:
//
//   - a literal without the field gets IdleConnTimeout: 90 * time.Second,
//     laid out as gofmt would (one-line, multi-line and empty literals);
//   - a constant <= 0 or >= L is replaced (a variable is left alone);
//   - new(http.Transport) becomes &http.Transport{IdleConnTimeout: 90 * time.Second};
//   - a gRPC channel without a bound gets grpc.WithIdleTimeout(90 *
//     time.Second) as a last argument of NewClient, Dial or DialContext
//     (under the name the file imports grpc as); options spread from a
//     slice (opts...) get no fix;
//   - a SQL pool stored by a simple statement gets X.SetConnMaxIdleTime(90 *
//     time.Second) on its own line after that statement, or after the
//     if err != nil { ... } block right after it; where the placement is not
//     obvious no fix is offered and the message says so.
//
// The value comes from -fix-idle (default 90s, or half of -max-idle when
// that is smaller). The "time" import is added when missing, and its local
// name is used when it is imported under another one. No fix is offered
// where a local identifier hides the time package.
//
// # Flags
//
//	-max-idle DURATION|PRESET  the middlebox's idle timeout L (default 350s). Presets:
//	                           aws-nat, aws-nlb, aws-gwlb (350s); aws-alb, aws-clb (60s);
//	                           azure-lb, azure-nat, azure-firewall (240s); gcp-nat (1200s);
//	                           gcp-alb (610s).
//	-fix-idle DURATION         the IdleConnTimeout fixes insert; above 0 and below L.
//	-tests                     check _test.go files too.
//	-skip-pkgs REGEXP          import paths to skip; default: a path element ending in
//	                           test, tests, testing, testutil or e2e (test helpers such
//	                           as internal/testing or pkg/footest); empty: none.
//	-strict                    report dynamic values too.
//
// # Quiet places
//
// No long-lived production pool is built in test files (_test.go, unless
// -tests), test helper packages (-skip-pkgs) or generated files (a "Code
// generated ... DO NOT EDIT." comment): they are not reported.
// //keepalivelint:ignore <reason> on the line of a finding or the line
// above suppresses it; without a reason the directive is itself reported.
//
// # Example
//
//	client := &http.Client{Transport: &http.Transport{ // keepalivelint: no-idle-timeout
//		Proxy: http.ProxyFromEnvironment,
//	}}
//
// is fixed as
//
//	client := &http.Client{Transport: &http.Transport{
//		Proxy:           http.ProxyFromEnvironment,
//		IdleConnTimeout: 90 * time.Second,
//	}}
package analyzer
