// Package analyzer defines keepalivelint, an analysis.Analyzer that reports
// connection pools whose idle connections can outlive a NAT's or load
// balancer's idle timeout.
//
// # Analyzer keepalivelint
//
// keepalivelint: report connection pools whose idle connections can outlive a NAT or load balancer
//
// A pooled keep-alive connection that sits idle longer than the idle
// timeout of a middlebox on its path (an AWS NAT Gateway forgets a flow
// after 350s, an AWS ALB closes an idle connection after 60s) is dropped
// there without the client hearing of it, and the next request written on
// it fails with "connection reset by peer". keepalivelint reports the
// net/http and x/net/http2 transports, the database/sql pools and the
// grpc-go channels whose idle connections can live that long, and the
// servers (net/http's http.Server, fasthttp.Server, Fiber apps) that close
// idle connections before the load balancer in front of them does
// (server-idle-timeout-too-short), and suggests a fix.
//
// Each finding ends with the name of its rule, for example
// (no-idle-timeout). The section "Rule NAME" of the package documentation
// explains it: what is wrong, why it breaks, an example and the fix;
// keepalivelint -explain NAME prints that section. L is the limit, set
// with -max-idle (350s, the AWS NAT Gateway's timeout, by default).
//
// # Rule no-idle-timeout
//
// An http.Transport (or x/net/http2 Transport) whose IdleConnTimeout is
// never set keeps idle connections forever (http.DefaultTransport uses
// 90s). Once a load balancer, a NAT or the server drops one that sat idle
// past its own timeout, the first request written on it after the quiet
// period fails with "connection reset by peer". net/http replays a request
// on a fresh connection only when it is idempotent (GET, HEAD, OPTIONS,
// TRACE, or any method with an Idempotency-Key or X-Idempotency-Key header
// and a body it can rewind), so it is the POST that fails: the first
// payment after a quiet period. Over HTTP/2 not even a GET is replayed.
//
// With a nil DialContext, net/http dials with a zero net.Dialer, whose TCP
// keepalive probes (every 15s) keep an AWS NAT Gateway or NLB mapping
// alive. What breaks in Go is: a dialer with keepalive off (KeepAlive: -1,
// or a library's dialer that turns it off, out of keepalivelint's sight; a
// dialer in sight is keepalive-disabled), after which a NAT Gateway forgets
// the idle flow; a middlebox that needs data rather than probes (AWS ALB
// and Classic LB, Global Accelerator); a server whose keep-alive timeout is
// shorter than the pool's; and a pool that never gives its sockets back.
// Hence "can fail", and the report whatever the dialer. The bundled
// example, testdata/incident, is the first case: its scheduler dials
// through a dialer with KeepAlive: -1, and internal/natsim's
// TestIncidentModule and TestKernelNATKeepalive run its transport (through
// a kernel NAT its POST after idle is reset; with probes the flow lives).
//
//	client := &http.Client{Transport: &http.Transport{ // no-idle-timeout
//		Proxy: http.ProxyFromEnvironment,
//	}}
//
// Fix: set IdleConnTimeout below L. The suggested fix inserts
// IdleConnTimeout: 90 * time.Second (-fix-idle), laid out as gofmt would,
// with the time import added when missing:
//
//	client := &http.Client{Transport: &http.Transport{
//		Proxy:           http.ProxyFromEnvironment,
//		IdleConnTimeout: 90 * time.Second,
//	}}
//
// new(http.Transport) becomes &http.Transport{IdleConnTimeout: 90 *
// time.Second}. For an x/net/http2 Transport, ReadIdleTimeout below L
// (health-check pings that carry data through the middlebox) is a fix too.
//
// # Rule keepalive-disabled
//
// The same as no-idle-timeout, and the transport dials with a net.Dialer
// of the same package whose TCP keepalive is off (KeepAlive < 0 without
// KeepAliveConfig.Enable) or whose first probe comes at L or later
// (KeepAlive, or KeepAliveConfig.Idle, >= L). Nothing keeps the NAT
// mapping alive: a NAT drops the idle flow and answers the next request
// with a reset, and a POST on it fails (net/http replays only idempotent
// requests). KeepAliveConfig{Enable: false} alone does not turn probes off
// (net.Dialer documents that only a negative KeepAlive does). A dialer
// with keepalive off that feeds no HTTP transport (a resolver, a raw TCP
// proxy) is never reported. The dialer is given as related information.
//
//	d := &net.Dialer{KeepAlive: -1}
//	t := &http.Transport{DialContext: d.DialContext} // keepalive-disabled
//
// Fix: as for no-idle-timeout, set IdleConnTimeout below L (suggested).
//
// # Rule idle-timeout-nonpositive
//
// IdleConnTimeout is a constant <= 0, which net/http reads as no limit:
// idle connections are kept forever, with the consequences described under
// no-idle-timeout (a reset on the first request after a quiet period, and
// a failed POST). Reported where the value is written (the literal's field
// or the later assignment, with the transport as related information).
//
//	t := http.DefaultTransport.(*http.Transport).Clone()
//	t.IdleConnTimeout = 0 // idle-timeout-nonpositive
//
// Fix: a value in (0, L). The suggested fix replaces a constant expression
// with 90 * time.Second; a variable is left alone.
//
// # Rule idle-timeout-too-long
//
// IdleConnTimeout is a constant >= L: idle connections outlive a
// middlebox that drops the flow after L, so the first request after a
// quiet period can fail with a reset, and net/http does not replay a POST.
// Reported where the value is written.
//
//	&http.Transport{IdleConnTimeout: 10 * time.Minute} // idle-timeout-too-long
//
// Fix: a value below L; the suggested fix replaces the constant. If the
// traffic crosses a middlebox with a longer timeout than the default
// 350s, say so with -max-idle (for example -max-idle=gcp-nat, 1200s).
//
// # Rule sql-no-idle-limit
//
// A database/sql pool keeps up to two idle connections (more with
// SetMaxIdleConns) forever unless SetConnMaxIdleTime or SetConnMaxLifetime
// limits them. Where an idle connection's flow dies, the first query after
// a quiet period is written into the dead flow and fails with "connection
// reset by peer" (or waits for the caller's deadline, if the flow was
// dropped silently); the bytes were sent, and database/sql retries only
// when the driver reports driver.ErrBadConn (a driver that checks the
// connection before using it, or reads the server's own error first).
//
// The flow dies when nothing the driver sends keeps it: the middlebox needs
// data, not TCP keepalive probes (an AWS Classic Load Balancer), or the
// driver dials without keepalive (a custom dialer with KeepAlive < 0) or
// probes less often than the middlebox's timeout (pgx v4's 5 min against
// an Azure NAT Gateway's 4 min); or when the server closes idle
// connections first (MySQL's wait_timeout). The drivers' own dialers do
// send probes: lib/pq and pgx v5 use Go's zero net.Dialer (every 15 s),
// pgx v4 one with a 5 min period, and go-sql-driver/mysql the zero
// net.Dialer and keepalive turned on for every TCP connection; probes under
// 350 s keep an AWS NAT Gateway's or NLB's mapping alive. The proofs,
// driver by driver: docs/proofs.md.
//
// Pools are opened by database/sql Open and OpenDB;
// github.com/jmoiron/sqlx Open, Connect, MustOpen, MustConnect and NewDb
// (NewDb over a pool opened in the package is that pool);
// github.com/jackc/pgx (v4 and v5) stdlib.OpenDB and OpenDBFromPool; and
// the ORMs below. A pool is followed through the variable it is assigned
// to, the struct fields and variables it is copied into (a pool in s.db
// configured in another method of the package counts) and a return from
// the function that opened it (to that function's callers in the
// package).
//
// Whether the first query after a drop fails is the driver's choice:
// database/sql asks the driver (ResetSession) before it reuses a
// connection and retries on another one when the driver says the
// connection is bad. A pool whose driver is proven to heal after a reset
// is not reported, as pgxpool is not (see Pools with no rule); any other
// driver, proven to fail or unknown, is judged by the pool's settings.
// The verdicts (kinds.Drivers, each resting on a loopback test in
// proofs/sqldrivers_test.go over the relay that forgets idle flows):
//
//   - github.com/jackc/pgx/v5/stdlib ("pgx", "pgx/v5"), v5.5.0 and later:
//     heals (TestDriverPgxV5Stdlib). ResetSession pings a connection idle
//     for more than 1s and the query runs on a new connection. On a
//     middlebox that drops silently the ping waits for the caller's
//     context, as pgxpool's does. The version is told by the package's
//     API where it is imported (OpenDBFromPool came with the ping); v5.0
//     to v5.4 only look for bytes already on the socket: unknown.
//     stdlib.OptionShouldPing, or options out of sight, make it unknown.
//   - github.com/jackc/pgx/v4/stdlib ("pgx", "pgx/v4"): fails
//     (TestDriverPgxV4Stdlib); ResetSession checks only IsClosed.
//   - github.com/lib/pq ("postgres"): fails (TestDriverLibPQ).
//   - github.com/go-sql-driver/mysql ("mysql"): fails (TestDriverMySQL);
//     it heals only when the server itself closed the connection (its FIN
//     is on the socket), never after a NAT forgot the flow.
//   - github.com/microsoft/go-mssqldb ("sqlserver", "mssql") and
//     ClickHouse's clickhouse-go v2 ("clickhouse"): unknown, not proven.
//
// The driver is found from the opener (a driver's own stdlib.OpenDB), the
// connector given to sql.OpenDB (stdlib.GetConnector, pq.NewConnector,
// mysql.NewConnector, or a variable holding one), an ORM's dialector, or
// the constant driver name. A name two drivers register ("pgx": v4 and
// v5) is decided by the driver packages linked into the package: those it
// imports (a blank import counts) and those its imports link, which a
// Drivers package fact carries up (only when one of them heals). An
// opener wrapper's fact carries its driver name, so its callers judge it
// with the drivers they link.
//
// ORMs and query builders are openers too; their pool is reached through
// the ORM's handle (kinds.Front):
//
//   - gorm.io/gorm Open: the driver is its dialector's
//     (gorm.io/driver/postgres: pgx v5's stdlib; mysql:
//     go-sql-driver/mysql; sqlserver: go-mssqldb; gorm.io/driver/sqlite
//     and github.com/glebarez/sqlite: in-process, quiet). The setters go
//     on the *sql.DB that db.DB() returns (sqlDB, err := db.DB();
//     sqlDB.SetConnMaxIdleTime(d)). A dialector given an existing pool
//     (mysql.New(mysql.Config{Conn: sqlDB})) opens none: that pool is
//     judged where it is opened.
//   - xorm.io/xorm NewEngine: the engine's own SetConnMaxIdleTime,
//     SetConnMaxLifetime and SetMaxIdleConns, and those on engine.DB(),
//     count. A call that passes driver options (callbacks handed the
//     *sql.DB) is not judged. An engine without SetConnMaxIdleTime (xorm
//     before v1.3.3, casdoor's fork github.com/xorm-io/xorm) is fixed
//     through engine.DB().SetConnMaxIdleTime(d).
//   - entgo.io/ent/dialect/sql Open: the setters go on drv.DB();
//     entsql.OpenDB(driver, db) wraps a pool opened elsewhere.
//   - github.com/uptrace/bun NewDB wraps the *sql.DB it is given
//     (bun.NewDB(sql.OpenDB(connector), dialect)), and *bun.DB embeds it:
//     setters on the bun.DB count.
//
// A pool is safe when SetConnMaxIdleTime(d) or SetConnMaxLifetime(d) is
// called on it with d a constant in (0, L); when SetMaxIdleConns(n) is
// called with a constant n <= 0 (no idle connection); when the function
// that opened it closes it (db.Close(), deferred or not, or in a deferred
// closure that drops or logs its error) and it does not escape (returned, stored in a field or package variable, used by a
// goroutine); or when the driver name is a constant naming an in-process
// database with no socket (InProcessDrivers: sqlite, sqlite3, sqlcipher,
// ql, ql-mem, duckdb, ramsql, sqlmock, and any name starting with sqlite).
//
//	db, err := sql.Open("postgres", dsn) // sql-no-idle-limit
//	if err != nil {
//		return nil, err
//	}
//
// Fix: db.SetConnMaxIdleTime(90 * time.Second). The suggested fix puts it
// on its own line after the statement that stores the pool, or after the
// if err != nil { ... } block right after it (X.SetConnMaxIdleTime(...),
// X the variable or field as written); where the placement is not obvious
// (the pool is returned directly, or stored by something other than a
// simple statement) no fix is offered. For an ORM whose handle has no
// setters (gorm, ent), the fix goes after the statement that keeps the
// accessor's result (sqlDB, err := db.DB()); without one, the message
// says where the setter goes (on db.DB()) and no fix is offered.
//
// # Rule sql-idle-limit-nonpositive
//
// SetConnMaxIdleTime or SetConnMaxLifetime is given a constant <= 0,
// which database/sql reads as no limit, and nothing else makes the pool
// safe: idle connections are kept forever, and the first query after a
// quiet period can fail with a reset (see sql-no-idle-limit). Reported at
// the call.
//
//	db.SetConnMaxIdleTime(0) // sql-idle-limit-nonpositive
//
// Fix: a duration in (0, L); the suggested fix replaces the argument with
// 90 * time.Second.
//
// # Rule sql-idle-limit-too-long
//
// SetConnMaxIdleTime or SetConnMaxLifetime is given a constant >= L, and
// nothing else makes the pool safe: idle connections outlive the
// middlebox, and the first query after a quiet period can fail with a
// reset (see sql-no-idle-limit). Reported at the call.
//
//	db.SetConnMaxLifetime(time.Hour) // sql-idle-limit-too-long
//
// Fix: a duration below L; the suggested fix replaces the argument.
//
// # Rule grpc-no-idle-timeout
//
// A grpc-go channel (google.golang.org/grpc NewClient, Dial, DialContext)
// keeps its connection until the channel has been idle for its idle
// timeout: 30 minutes unless grpc.WithIdleTimeout says otherwise. Its
// default dialer leaves TCP keepalive at the operating system's default
// (two hours on Linux), and keepalive pings are sent on a channel without
// active RPCs only with PermitWithoutStream. Behind an AWS NLB or NAT
// Gateway (350s) the first RPC after a quiet period is written into a dead
// flow and fails: "rpc error: code = Unavailable desc = error reading from
// server: connection reset by peer" (the loopback proof, proofs/), and the
// server never sees it. On a middlebox that drops silently it waits for
// its deadline instead.
//
// Options are values, followed wherever the call gets them: inline; from
// local variables and slices built from literals and appends (opts...);
// from package variables (every write in the package for an unexported
// one, the declaration alone for an exported one written nowhere else);
// from struct fields of option or option-slice type (every write in the
// package: p.dialOpts = append(p.dialOpts, ...) in a constructor, then
// grpc.NewClient(p.addr, p.dialOpts...) in another method); from functions
// and methods that return an option or a slice of options (in this
// package their return statements, with their option parameters bound to
// the call's arguments; in another package their fact, which says what
// the result can carry: WithIdleTimeout with its value, keepalive
// parameters, or none, as for a credentials helper). An option of
// package grpc that is no knob (WithTransportCredentials) carries nothing
// idle-relevant. A dialing wrapper (a function or method that calls
// NewClient, Dial or DialContext with options it adds plus those of its
// own variadic parameter) is an opener for its callers: each call of it
// is a site, judged with the wrapper's options plus the caller's, and the
// fix goes to that call; for an unexported wrapper whose every use is a
// call this holds in its own package too (chains of wrappers included),
// and for an exported one in every package that calls it (by its fact),
// while its own call, whose options come from callers, stays dynamic.
// Options a constructor stores for a later dial (newPeers(opts...)
// keeping opts in a field) come, for an unexported function whose every
// use is a call, from its callers: what they all pass, or unknown when
// some pass a knob option and others none. A variable or field whose
// every write is grpc.NewClient (dial := grpc.NewClient, a func-typed
// field set once) is that opener. What
// truly comes from out of sight leaves the channel dynamic: options from
// a caller in a package that is not analyzed or of a wrapper also used as
// a value, a function value or interface method of unknown origin, an
// exported field, a slice written through a pointer, a helper of another
// package without a fact. A channel is safe when WithIdleTimeout(d)
// has d in (0, L); when WithKeepaliveParams(keepalive.ClientParameters{Time:
// t, PermitWithoutStream: true}) has t in (0, L); when WithContextDialer's
// function dials through one net.Dialer whose TCP keepalive probes start
// before L (probes keep a NAT or NLB flow, so not with -max-idle presets
// whose middlebox needs data: aws-alb, aws-clb, gcp-alb); or when the
// function that made it closes it (conn.Close(), deferred or not, or in a
// deferred closure) and it does not escape. A channel whose target
// provably names this host (a constant localhost, loopback IP or unix:
// target, or the address of a listener the package opened on loopback) is
// not checked: no middlebox sits in front of it.
//
//	conn, err := grpc.NewClient(addr, grpc.WithTransportCredentials(creds)) // grpc-no-idle-timeout
//
// Fix: grpc.WithIdleTimeout(90 * time.Second), added by the suggested fix
// as the call's last argument under the name the file imports grpc as (no
// fix when the options are spread from a slice, or when the file does not
// import grpc); for a dialing wrapper's channel, to the caller's call of
// the wrapper (house.Dial(addr, grpc.WithIdleTimeout(90*time.Second))). It needs no server
// change. Keepalive pings suit long-lived streams, but a grpc-go server by
// default answers a client that pings more often than every 5 minutes, or
// without active streams, with GOAWAY "too_many_pings": the server's
// keepalive.EnforcementPolicy (MinTime, PermitWithoutStream) must allow
// them first.
//
// # Rule grpc-idle-timeout-nonpositive
//
// grpc.WithIdleTimeout(d) with a constant d <= 0: grpc-go reads 0 as
// "never idle", so the channel keeps its connection forever and the first
// RPC after a quiet period can fail with codes.Unavailable (see
// grpc-no-idle-timeout).
//
//	grpc.NewClient(addr, grpc.WithIdleTimeout(0)) // grpc-idle-timeout-nonpositive
//
// Fix: a duration in (0, L); the suggested fix replaces the constant.
//
// # Rule grpc-idle-timeout-too-long
//
// grpc.WithIdleTimeout(d) with a constant d >= L: the channel's idle
// connection outlives the middlebox (see grpc-no-idle-timeout).
//
//	grpc.NewClient(addr, grpc.WithIdleTimeout(time.Hour)) // grpc-idle-timeout-too-long
//
// Fix: a duration below L; the suggested fix replaces the constant.
//
// # Rule grpc-keepalive-too-long
//
// grpc.WithKeepaliveParams with Time >= L, or with Time unset (grpc-go
// then sends no pings), and no idle timeout below L: nothing crosses the
// middlebox before it forgets the flow (see grpc-no-idle-timeout). grpc-go
// raises a Time below 10s to 10s.
//
//	grpc.WithKeepaliveParams(keepalive.ClientParameters{Time: 10 * time.Minute, PermitWithoutStream: true}) // grpc-keepalive-too-long
//
// Fix: grpc.WithIdleTimeout(90 * time.Second) (suggested), or a Time below
// L with a server that permits it.
//
// # Rule grpc-keepalive-without-permit
//
// grpc.WithKeepaliveParams without PermitWithoutStream: true, and no idle
// timeout below L: grpc-go pings only while RPCs are active, so an idle
// channel sends nothing and its first RPC after a quiet period fails as
// under grpc-no-idle-timeout (shown by the loopback proof).
//
//	grpc.WithKeepaliveParams(keepalive.ClientParameters{Time: 30 * time.Second}) // grpc-keepalive-without-permit
//
// Fix: grpc.WithIdleTimeout(90 * time.Second) (suggested); or
// PermitWithoutStream: true, with the server's EnforcementPolicy
// permitting pings without streams at that rate.
//
// # Rule server-idle-timeout-too-short
//
// An http.Server, a github.com/valyala/fasthttp Server or a Fiber app
// (github.com/gofiber/fiber v2 and v3) closes idle keep-alive connections
// at or before the load balancer in front of it does. B is the balancer's idle timeout, set with
// -balancer-idle (60s, an AWS Application Load Balancer's default). A
// balancer (AWS ALB, nginx with upstream keepalive, Envoy and Istio,
// Traefik, Google Cloud's load balancers) pools its connections to the
// server; when the server closes one that sat idle for its timeout, the
// balancer may send the next request on it while the server's FIN is
// still in flight. The server answers with a reset, the request never
// reaches a handler (nothing in the service's logs), and the balancer
// answers the client 502 (Envoy: 503 "upstream connect error or
// disconnect/reset before headers"). An ALB does not retry; Go's
// httputil.ReverseProxy replays only idempotent requests, so it is the
// POST that fails, as in the loopback proof (docs/proofs.md). AWS's ALB
// guide asks for a target keep-alive timeout greater than the balancer's
// idle timeout.
//
// The trap: an IdleTimeout of 0 means ReadTimeout (net/http's
// Server.idleTimeout), so a server that sets only ReadTimeout: 10 *
// time.Second, as slow-client advice recommends, closes idle connections
// after 10s. The effective idle timeout is IdleTimeout when it is not
// zero, else ReadTimeout; zero or negative means none. fasthttp's
// Server.idleTimeout() has the same fallback, and fiber.New copies its
// Config's ReadTimeout, IdleTimeout and DisableKeepalive into the
// fasthttp.Server it serves with, which app.Server() returns: the Config
// literal given to fiber.New (or declared in a variable that is only
// passed on, cfg := fiber.Config{...}; fiber.New(cfg), or returned by a
// function of the package with one return statement,
// fiber.New(appConfig())) and writes through app.Server() both count.
// The fasthttp case is proven on loopback as the net/http one is
// (TestFasthttpServerBehindBalancer in proofs/: a POST sent as a
// ReadTimeout-only fasthttp backend's idle timer fires gets 502; with
// IdleTimeout above the balancer's, 200).
//
//	srv := &http.Server{Addr: ":8080", ReadTimeout: 10 * time.Second} // server-idle-timeout-too-short
//	app := fiber.New(fiber.Config{ReadTimeout: 10 * time.Second})       // server-idle-timeout-too-short
//	app.Server().IdleTimeout = 15 * time.Second                          // server-idle-timeout-too-short
//
// Not reported: no idle timeout at all (the balancer always closes
// first), an idle timeout above B, SetKeepAlivesEnabled(false) or
// DisableKeepalive: true (fasthttp, Fiber), a server that serves only on
// unix sockets (Serve, or Fiber's Listener, given a net.Listen("unix",
// ...) listener), a Fiber Config built away from the fiber.New call (a
// parameter, the result of a function of another package or with several
// return statements, a variable whose fields are written later: out of
// sight; only writes through app.Server() are judged), test
// code, and every server with -balancer-idle=off (a
// service behind no pooling proxy). Over HTTP/2 a server closes an idle
// connection with GOAWAY, which tells the peer not to send on it, so the
// race is HTTP/1.1's; balancers speak HTTP/1.1 to their targets by
// default, and keepalivelint does not tell the two apart. Values that
// cannot be resolved (a config field, a parameter) are reported with
// -strict only (dynamic-idle-timeout), and so is a ReadTimeout whose only
// known default is an option's zero value.
//
// Fix: set IdleTimeout above B, keeping ReadTimeout as it is; the
// suggested fix sets B plus a quarter, rounded up to 15s (75 *
// time.Second for 60s).
//
// # Rule dynamic-idle-timeout
//
// A deciding value cannot be resolved statically; reported with -strict
// only. IdleConnTimeout, DisableKeepAlives or ReadIdleTimeout (or a pool
// setter's argument) comes from a parameter, a config field, a flag or an
// exported variable, or a transport is handed to a function out of sight
// that takes a *http.Transport and may configure it. If idle
// connections can be kept L or longer, the first request after a quiet
// period can fail as described under no-idle-timeout.
//
//	func newClient(idle time.Duration) *http.Client {
//		return &http.Client{Transport: &http.Transport{IdleConnTimeout: idle}} // dynamic-idle-timeout
//	}
//
// Fix: make sure the value stays in (0, L), for example by validating the
// configuration; then suppress the finding with a reason
// (//keepalivelint:ignore validated in config.Load), or leave -strict off.
//
// # Rule ignore-without-reason
//
// A //keepalivelint:ignore directive gives no reason. A suppression should
// say why the pool is safe (it dials a sidecar on loopback, the process
// exits after one request), for the next reader. The directive still
// suppresses the finding.
//
//	t := &http.Transport{} //keepalivelint:ignore
//
// Fix: //keepalivelint:ignore talks to the local agent over loopback, no middlebox.
//
// # Rule malformed-ignore
//
// A comment looks like a keepalivelint directive but is not one, so it
// suppresses nothing: a space after // (Go directives have none, and gofmt
// keeps the space of an ordinary comment), a /* */ comment, or a
// misspelling of //keepalivelint:ignore.
//
//	t := &http.Transport{} // keepalivelint:ignore loopback only
//
// Fix: //keepalivelint:ignore <reason>, with no space after //.
//
// # Rule unused-ignore
//
// A //keepalivelint:ignore directive suppresses no finding on its line or
// the next; reported with -strict only. The code it was written for was
// fixed or moved, and the directive would hide a later finding there.
//
//	//keepalivelint:ignore loopback only
//	t := &http.Transport{IdleConnTimeout: 90 * time.Second}
//
// Fix: remove the directive, or move it next to the finding it is meant
// for.
//
// # Pools with no rule: pgxpool, go-redis, the MongoDB driver
//
// A pool kind gets a rule only where a loopback proof (proofs/, the real
// library over a relay that forgets idle flows) shows the first operation
// after an idle drop failing with the library's defaults. These heal
// themselves, so keepalivelint reports none of them:
//
//   - github.com/jackc/pgx/v5/pgxpool: Acquire pings a connection idle
//     for more than 1s, the ping meets the reset, and the query runs once
//     on a new connection. With the ping turned off the INSERT fails with
//     "read: connection reset by peer". MaxConnIdleTime is enforced only by
//     the health check (every HealthCheckPeriod, 1 minute), so the real
//     bound is their sum.
//   - github.com/redis/go-redis/v9: a command that meets the reset is
//     retried on a new connection (MaxRetries 3), even a non-idempotent
//     one; with MaxRetries -1 it fails with EOF. ConnMaxIdleTime (30
//     minutes by default) below L avoids the dead connection.
//   - go.mongodb.org/mongo-driver/v2: against a replica set, retryable
//     writes (on by default) retry an insert that met the reset. Against a
//     standalone server, or with retryWrites=false, it fails ("incomplete
//     read of message header: ... connection reset by peer"); that depends
//     on the deployment, which the code does not show. maxIdleTimeMS below
//     L avoids it.
//
// On a middlebox that drops silently instead of resetting, all three wait
// for a deadline before they heal or fail (proofs/README.md).
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
//     factory of another package, a parameter);
//   - database/sql pools (see sql-no-idle-limit).
//
// http2.ConfigureTransport(t1) is not a site: the HTTP/2 side inherits t1,
// which is reported once, at t1. HTTP2: &http.HTTP2Config{SendPingTimeout:
// ...} (Go 1.24+) health-checks HTTP/2 connections only; HTTP/1 connections
// of the same transport still idle forever, so it does not make a transport
// safe.
//
// # Effective settings
//
// A site is judged by its effective settings: the literal's fields plus
// every later write through the same variable, a pointer that aliases it,
// or the struct field it is stored in (anywhere in the package); for a
// literal a package function returns, also the writes its callers in the
// package make to the result; for a transport handed to a function as
// &t.IdleConnTimeout, an unknown value. Writes in test code do not count
// unless -report-tests is set. Constant expressions are folded by go/types (90 *
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
// configurer method) count as made on every path, except that the writes
// of a package function the pool is handed to (configure(t)) are made at
// that call. A pool a package function returns is judged once per caller
// that keeps it (t := newTransport()), with only that caller's writes,
// closes and handoffs, on that caller's paths, and reported at the
// factory when one caller keeps it unbounded; with callers out of sight
// (an exported factory), also as the factory returns it.
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
// Defaults from configuration. A value read from configuration is judged
// by the default configuration gives it, and the message says where that
// default is ("http.Transport IdleConnTimeout is 15m by default (envconfig
// default of Config.WebhookIdle), not below the 350s limit"). The sources
// are data (kinds/config.go, each row citing the module version read):
// flags of flag, spf13/pflag (P forms and FlagSet methods) and kingpin
// (.Default("30s").Duration(), .DurationVar(&v); a flag without Default
// is its zero value, a Required one stays dynamic), read through the
// pointer they return or set through the one they are given; urfave/cli
// v2 and v3 flags declared as literals (&cli.DurationFlag{Name: "idle",
// Value: d}) and read by name (c.Duration("idle")) or through their
// Destination; viper keys (GetDuration, GetInt, GetBool, on the package
// or a *viper.Viper) paired by constant key, case-insensitively, with a
// SetDefault in the same package (a string default parsed as viper does:
// a bare number is nanoseconds); and struct tags of the loaders the
// package imports: kelseyhightower/envconfig, alecthomas/kong,
// creasty/defaults and jessevdk/go-flags (default:"15m"), caarlos0/env
// (envDefault), ilyakaznacheev/cleanenv (env-default) and go-zero's
// core/conf (the default= option of the json tag), each parsed as its
// loader parses it (time.ParseDuration; creasty/defaults takes a bare
// number as nanoseconds). A loader counts when the package that reads the
// field imports it (the package declaring the struct, or one that loads
// another package's struct itself): the pass cannot see another package's
// imports the same way under every driver. A field of such a struct with
// no default tag is its zero value. A default is followed through copies
// into other structs (svc.maxLifetime = cfg.MaxLifetime in a constructor)
// and through local variables. It stays dynamic when the flag's pointer
// also goes elsewhere or the variable is written besides, for an exported
// package variable bound to a flag, for two declarations with different
// defaults, a key with no SetDefault in the package, a default that is no
// constant, or a field the package also writes.
//
// A pool handed to a function through a pointer parameter (*http.Transport,
// *sql.DB) may be configured there: what the function does to it counts,
// from its source or, in another package, from its summary (see Across
// packages; Kubernetes' utilnet.SetTransportDefaults sets 90s). A
// parameter of interface type (http.RoundTripper) belongs to a wrapper, and
// http2.ConfigureTransport(s) are known to leave idle settings alone. A
// transport that the function building it closes (t.CloseIdleConnections(),
// deferred or not, or in a deferred closure) and does not let escape is
// safe: its pool dies with the call. So is a transport whose dial
// functions dial only unix sockets or return connections they did not
// dial (a net.Pipe end, a conn over a child process's pipes, an in-memory
// listener's conn): no middlebox sits on the path.
//
// Options applied in a loop. A pool handed to each option of a loop (for
// _, o := range opts { o(s) }), or to one option parameter (apply(s)),
// takes what the options write, for any kind: the options are followed as
// values to closures and declared functions, through the results of
// functions and methods of the package that return them (their
// parameters bound to the call's arguments: WithIdle(10*time.Minute) is
// 600s, reported and fixed at that argument; a captured config field is
// judged by its default, as an option's), local slices, appends and a
// reassigned parameter (the factory's own options, added before the
// caller's), over every call of an unexported factory outside test code.
// A caller that passes no option setting a knob, or adds it on some of
// its paths only, leaves the knob unset "on some paths". An exported
// factory with callers in its package is judged by their union plus the
// callers out of sight, who may pass none; one with no caller in its
// package by its default (see Rule factory-default-unbounded). Not
// followed: options kept in a struct field, a loop in a helper the pool
// is handed to, options of another package's function values.
//
// House types. A type that embeds a pool by value (type Server struct {
// http.Server; ... }) holds one: its literal is a site of the embedded
// kind (from its zero value, unless the literal builds the embedded field
// itself), and its methods are configurers (func (s *Server)
// UseIdleTimeout(d time.Duration) { s.IdleTimeout = d }). A configurer
// called with a value (s.UseIdleTimeout(30*time.Second), or the default of
// a flag.Duration of the package) gives the pool that argument, in the
// package and, by the method's summary, in others, where a caller that
// keeps the house type of another package's factory is a site.
//
// A copy of a variable's previous value (old := adminServer; defer
// shutdown(old); adminServer = &http.Server{...}) is not the pool stored
// after it in the same function: what is done through the copy (a
// deferred Shutdown, a goroutine the pass cannot see into) belongs to the
// old value. In a loop around both, the next iteration's copy is this
// pool and still counts.
//
// # Across packages
//
// The pass summarizes, as analysis facts, what each function does to the
// pools it is given or returns, from the source of every package it runs
// on (dependencies included, at the versions go.mod selects), and judges
// a call by its callee's summary:
//
//   - a configurer (a function or method taking *http.Transport,
//     *http2.Transport or *sql.DB) is summarized by the knobs it writes or
//     sets, with constant values where known, under a guard on a field of
//     the same pool that the caller can decide (if tr.MaxIdleConns == 0 {
//     tr.IdleConnTimeout = 30 * time.Second }, as
//     github.com/docker/go-connections/sockets.ConfigureTransport does
//     since v0.7; v0.6 sets only the proxy and the dialer), and by what the
//     functions it hands the pool to do, transitively. A caller's pool
//     takes those writes: the guard is evaluated on the caller's own
//     settings. A function of an analyzed package that exports no summary
//     does nothing to the pool.
//   - an opener wrapper (an exported function returning an open-then-set
//     pool, sql.Open's, with no idle limit set) is summarized as opening
//     a pool: each call of it in another package is a site, judged with the
//     setters the caller calls; the wrapper's own package stays quiet
//     (-strict reports it as dynamic).
//   - a library that keeps a caller's pool, or an *http.Client holding it,
//     in a field of its own (a functional-option client:
//     client.WithHTTPClient(c)) and configures the pool in that field in
//     another function (client.WithHost(h), which runs
//     sockets.ConfigureTransport on it) is followed through the field: the
//     caller's literal takes the writes of the option calls that follow the
//     store in the same function.
//   - a function returning a functional option, or a slice of them, of a
//     kind whose knobs are options (grpc.DialOption) is summarized by what
//     its result can carry: each knob option with its constant value, the
//     parameters whose options it passes on, or unknown where the result
//     comes from out of sight. A dialing wrapper (see Rule
//     grpc-no-idle-timeout) is summarized as opening a channel with its
//     own options and the parameter that carries its caller's: each call
//     of it in another package is a site.
//   - a call the pass cannot see into (a function value, an interface
//     method) leaves the knobs it could touch unknown (dynamic), but a
//     constant written explicitly after it is judged.
//   - a package that links a database/sql driver proven to heal (it, or a
//     package below it, imports the driver) carries a Drivers package
//     fact listing the driver packages linked below it, each with the
//     verdict of the version there (see Rule sql-no-idle-limit); every
//     package re-exports the list it reads from its direct imports, since
//     go vet passes no imported package fact on.
//   - an exported package variable declared as a flag's pointer (var Idle
//     = flag.Duration("idle", 45*time.Second, ""), pflag and kingpin
//     alike), written nowhere else in its package and whose address it
//     never takes, carries a FlagDefault fact with the flag's default: a
//     package that reads *flags.Idle, and does not write the variable,
//     judges the value by that default ("default of flag -idle in flags").
//
// Where a finding goes, so that its fix lands where it belongs and nothing
// is reported twice: an incomplete transport literal is reported at the
// literal, in the package that writes it (a factory's literal too: the
// literal states the settings); a bad value a configurer writes is
// reported at that write, in the configurer's package, and not again at
// its callers; an open-then-set pool (database/sql) from an opener
// wrapper is reported at the caller that keeps it, where the setter call
// belongs.
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
// default is then judged), or configuration (see Defaults from
// configuration); and, leaving the default unknown, a value that cannot
// be resolved (a parameter), its address handed to code other than a
// known flag package, a struct tag naming a default for a loader the
// package does not import, a SetDefault call (viper) whose key names the
// field, or a write in a generated file. The zero value is a write too:
// a constructor that returns the struct without the field (or with 0)
// while another write gives a non-zero default makes the knob 0 on that
// path ("Config.Idle feeds IdleConnTimeout and is 0 where Config is built
// without it"), unless a write of the field guarded by a comparison that
// admits 0 (if c.Idle <= 0 { c.Idle = 90 * time.Second }, a defaults
// method or Init()) replaces it; such a guarded write also replaces a
// placeholder the constructors write (Idle: -1 replaced in Init() when
// c.Idle < 0). An
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
// # Rule factory-default-unbounded
//
// A library's exported factory builds a pool whose settings only its
// callers can give (the options an option loop applies, or those a
// dialing wrapper passes to grpc.NewClient), and no caller in its package
// gives any: judged as most of its users call it, with no options, the
// pool keeps idle connections past L. Every service built on the library
// that takes the default inherits the dropped flow.
//
//	func NewClient(ctx context.Context, target string, opts ...grpc.DialOption) (*grpc.ClientConn, error) {
//		all := append([]grpc.DialOption{grpc.WithChainUnaryInterceptor(trace), creds}, opts...)
//		return grpc.NewClient(target, all...) // factory-default-unbounded: 30m by default
//	}
//
// The message is the kind's own ("gRPC channel from grpc.NewClient in
// exported NewClient called with no options keeps idle connections for
// 1800s by default"). A caller in the factory's package is a caller in
// sight: the factory is then judged by the union over its callers, as any
// other (no-idle-timeout, grpc-no-idle-timeout). Callers in other packages,
// of the module or not, are judged where they call, by the factory's
// summary; the factory's package cannot see them (the pass is per package),
// so the factory is reported even when every caller elsewhere in the
// module bounds it. An application whose exported factories only it calls
// switches the rule off with -skip-factory-defaults; a library keeps it.
//
// A factory that takes a Config (an exported function with a parameter
// of a struct type of its package, or a pointer to one, that no caller in
// the package but its tests calls) is judged as most users call it, with
// a zero Config, when its pool's settings otherwise come from values
// keepalivelint cannot resolve: where the factory builds the pool, a
// field of the Config read for a knob is 0 (nil, false), options appended
// from one (cfg.DialOptions...) are none, and a write, setter call or
// option added under a condition a zero Config makes false (if
// cfg.DialKeepAliveTime > 0 {...}) does not run.
//
//	func New(cfg Config) (*Client, error) {
//		var opts []grpc.DialOption
//		if cfg.DialKeepAliveTime > 0 {
//			opts = append(opts, grpc.WithKeepaliveParams(...))
//		}
//		opts = append(opts, cfg.DialOptions...)
//		conn, err := grpc.NewClient(cfg.Endpoint, opts...) // factory-default-unbounded: 30m with a zero Config
//		...
//	}
//
//	func NewTransport(cfg Config) *http.Transport {
//		return &http.Transport{IdleConnTimeout: cfg.Idle} // factory-default-unbounded: 0 with a zero Config
//	}
//
// The messages say so ("gRPC channel from grpc.NewClient in exported New
// called with a zero Config keeps idle connections for 1800s by default",
// "http.Transport IdleConnTimeout is 0 (cfg.Idle) in exported NewTransport
// called with a zero Config: no limit"). A verdict that holds
// whatever the Config stands under the kind's own rule (a bound set only
// when configured, if cfg.Idle > 0 { t.IdleConnTimeout = cfg.Idle }, is
// no-idle-timeout on some paths), as does a default the package gives the
// field (Rule option-default-unlimited). Not judged with a zero Config: a
// struct of another package, or one whose tags name loader defaults
// (default:, envDefault:); a Config the factory writes, copies, hands on
// whole or calls a method on (which may fill in defaults); a Config kept
// in a field and read by another method. Callers in other packages are
// judged by the factory's summary, where the Config's fields stay unknown
// (they give their own). -skip-factory-defaults switches this off too.
//
// Fix: bound the pool in the factory (IdleConnTimeout in its literal,
// grpc.WithIdleTimeout among its own options, a default for a Config
// field that is 0), below L; options its users pass still override it. A field fix is suggested where the factory
// builds a literal.
//
// # Suggested fixes
//
// One fix per finding where an edit is obviously right (see each rule).
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
//	-balancer-idle DURATION|PRESET|off
//	                           the idle timeout B of the load balancer in front of the
//	                           package's HTTP servers (default 60s). Presets: aws-alb,
//	                           aws-clb, nginx (60s); traefik, go-reverseproxy (90s);
//	                           gcp-alb (600s); envoy, istio (1h). off: no server rule.
//	-report-tests              report in test code too (see below); -tests is its old
//	                           name. Not the driver's -test, which loads test files
//	                           (on by default) so that they can be reported.
//	-skip-pkgs REGEXP          import paths to stay quiet in, for a project's own
//	                           conventions (default: none).
//	-strict                    report dynamic values (dynamic-idle-timeout) and unused
//	                           directives (unused-ignore) too.
//	-skip-factory-defaults     do not report exported factories by their default
//	                           (factory-default-unbounded): for an application.
//
// The golangci-lint plugin's settings have the same names without the dash
// (report-tests; tests is accepted as its old name).
//
// # Test code and generated files
//
// No long-lived production pool is built in test code, which is kept
// quiet unless -report-tests:
//
//   - _test.go files;
//   - test-support files: a file that imports testing or net/http/httptest
//     (TestSupportImports), such as a fake server and the client that talks
//     to it, or a mock next to production code; a file that uses no more of
//     testing than testing.Testing() is production code;
//   - files that import a test framework, or a package under one
//     (TestFrameworkImports: testify, gomock, Ginkgo, Gomega, gotest.tools,
//     quicktest);
//   - unexported functions (not methods) whose every call in the package
//     comes from test code or from another such function; a function used
//     as a value, called from production code or a package-level
//     initializer, and any exported function, stay checked;
//   - test-helper packages: an element of the import path is a
//     test-helper name (TestHelperNames: test, tests, testing, testutil,
//     testutils, testhelper, testhelpers, e2e), alone or as a part
//     separated by - or _ (e2e-tests, test_utils, integration-test).
//
// A package whose name merely ends in test (latest, attest, contest,
// pingtest) is production code and is checked. Generated files (a "Code
// generated ... DO NOT EDIT." comment) are never reported; cgo's output is
// the user's code and is.
//
// # Suppression
//
// //keepalivelint:ignore <reason> on the line of a finding or on the line
// above suppresses it. Without a reason the directive is reported
// (ignore-without-reason); a comment that looks like the directive but is
// not one (// keepalivelint:ignore, with a space) is reported
// (malformed-ignore); with -strict, a directive that suppresses nothing is
// reported (unused-ignore). golangci-lint's //nolint:keepalivelint works
// too.
//
//	//keepalivelint:ignore talks to the local agent over loopback, no middlebox
//	t := &http.Transport{DialContext: agentDial}
package analyzer
