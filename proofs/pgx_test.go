package proofs_test

// pgx v5.13.0 pgxpool over the loopback NAT relay, against pgServer, a
// minimal PostgreSQL backend built on pgx's own pgproto3.
//
// Defaults, from the v5.13.0 source (pgxpool/pool.go):
//   - MaxConnIdleTime 30 min (line 23), HealthCheckPeriod 1 min (line 24),
//     PingTimeout 0 (line 25), MaxConnLifetime 1 h (line 22);
//     pool_max_conn_idle_time, pool_health_check_period and
//     pool_ping_timeout set them from the connection string (lines 436-475).
//   - MaxConnIdleTime is enforced only by the background health check,
//     which runs every HealthCheckPeriod (backgroundHealthCheck, lines
//     519-531; checkConnsHealth, lines 571-576); Acquire does not look at
//     it. A connection can stay pooled up to MaxConnIdleTime +
//     HealthCheckPeriod.
//   - Acquire pings a connection idle for more than 1 s before handing it
//     out (the default ShouldPing, lines 275-281: IdleDuration >
//     time.Second; Acquire, lines 660-694) and destroys it and takes the
//     next, or a new one, if the ping fails. The 1 s is not scaled: against
//     a 350 s NAT timeout, every connection the NAT can have forgotten is
//     pinged, so these tests idle for more than 1 s too.
//   - The ping is pgConn.Exec(ctx, "-- ping") (pgconn/pgconn.go:2229-2231),
//     a simple-protocol query the server answers with EmptyQueryResponse.
//     With PingTimeout 0 it is bounded only by the caller's context (lines
//     663-674): on a middlebox that drops packets silently instead of
//     answering with RST, the ping waits for the caller's deadline.

import (
	"context"
	"errors"
	"fmt"
	"net"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgproto3"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/keepalivelint/keepalivelint/internal/natsim"
)

const (
	// pgRelayTimeout exceeds pgxpool's unscaled 1 s ping threshold, so
	// that, as against 350 s, a connection the relay has forgotten has been
	// idle for more than 1 s.
	pgRelayTimeout = 1500 * time.Millisecond
	// pgIdleTime is the fix's MaxConnIdleTime, below pgRelayTimeout.
	pgIdleTime = 300 * time.Millisecond
	// pgHealthCheckPeriod is HealthCheckPeriod scaled with the fix: the
	// health check must run between MaxConnIdleTime and the NAT's timeout.
	pgHealthCheckPeriod = 200 * time.Millisecond
)

// pgServer is a minimal PostgreSQL backend: startup with trust
// authentication, the simple query protocol, and the extended protocol
// (Parse, Describe, Bind, Execute, Close, Sync) for INSERT statements with
// text parameters. An empty or comment-only query (pgxpool's ping) gets
// EmptyQueryResponse, as from a real server.
type pgServer struct {
	t   *testing.T
	ln  net.Listener
	mu  sync.Mutex
	ins []string // executed INSERTs: "sql [params]"
	pgs int      // pings (empty queries) answered

	cancels int // CancelRequests received
}

func startPGServer(t *testing.T) *pgServer {
	t.Helper()
	s := &pgServer{t: t}
	s.ln = serveLoopback(t, func(c net.Conn, _ int32) { s.serve(c) })
	return s
}

func (s *pgServer) inserts() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]string(nil), s.ins...)
}

func (s *pgServer) cancelRequests() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.cancels
}

func (s *pgServer) pings() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.pgs
}

// isEmptyQuery reports whether sql has no statement: blank or comments only.
func isEmptyQuery(sql string) bool {
	for _, line := range strings.Split(sql, "\n") {
		line = strings.TrimSpace(line)
		if line != "" && !strings.HasPrefix(line, "--") {
			return false
		}
	}
	return true
}

func (s *pgServer) serve(c net.Conn) {
	b := pgproto3.NewBackend(c, c)
	msg, err := b.ReceiveStartupMessage()
	if err != nil {
		return
	}
	switch msg.(type) {
	case *pgproto3.StartupMessage:
	case *pgproto3.CancelRequest:
		// pgconn sends one on a new connection when it closes a broken
		// connection (asyncClose, pgconn/pgconn.go:832-850). A real server
		// closes the connection without a reply.
		s.mu.Lock()
		s.cancels++
		s.mu.Unlock()
		return
	default:
		s.t.Logf("pgServer: unexpected startup message %T", msg)
		return
	}
	b.Send(&pgproto3.AuthenticationOk{})
	for k, v := range map[string]string{
		"server_version": "17.0", "client_encoding": "UTF8", "server_encoding": "UTF8",
		"standard_conforming_strings": "on", "DateStyle": "ISO, MDY", "integer_datetimes": "on", "TimeZone": "UTC",
	} {
		b.Send(&pgproto3.ParameterStatus{Name: k, Value: v})
	}
	b.Send(&pgproto3.BackendKeyData{ProcessID: 1, SecretKey: []byte{0, 0, 0, 1}})
	b.Send(&pgproto3.ReadyForQuery{TxStatus: 'I'})
	if b.Flush() != nil {
		return
	}
	stmts := map[string]string{}   // prepared statement name -> SQL
	portals := map[string]string{} // portal name -> "SQL [params]"
	// exec runs one statement and sends its completion.
	exec := func(sql, params string) {
		switch {
		case isEmptyQuery(sql):
			s.mu.Lock()
			s.pgs++
			s.mu.Unlock()
			b.Send(&pgproto3.EmptyQueryResponse{})
		case strings.HasPrefix(strings.ToUpper(strings.TrimSpace(sql)), "INSERT"):
			s.mu.Lock()
			s.ins = append(s.ins, strings.TrimSpace(sql+" "+params))
			s.mu.Unlock()
			b.Send(&pgproto3.CommandComplete{CommandTag: []byte("INSERT 0 1")})
		default:
			s.t.Logf("pgServer: unsupported statement %q", sql)
			b.Send(&pgproto3.ErrorResponse{Severity: "ERROR", Code: "0A000", Message: "pgServer supports INSERT only"})
		}
	}
	for {
		msg, err := b.Receive()
		if err != nil {
			return
		}
		switch m := msg.(type) {
		case *pgproto3.Query:
			exec(m.String, "")
			b.Send(&pgproto3.ReadyForQuery{TxStatus: 'I'})
			if b.Flush() != nil {
				return
			}
		case *pgproto3.Parse:
			stmts[m.Name] = m.Query
			b.Send(&pgproto3.ParseComplete{})
		case *pgproto3.Describe:
			if m.ObjectType == 'S' {
				oids := make([]uint32, strings.Count(stmts[m.Name], "$"))
				for i := range oids {
					oids[i] = 25 // text
				}
				b.Send(&pgproto3.ParameterDescription{ParameterOIDs: oids})
			}
			b.Send(&pgproto3.NoData{})
		case *pgproto3.Bind:
			var ps []string
			for _, p := range m.Parameters {
				ps = append(ps, string(p))
			}
			portals[m.DestinationPortal] = stmts[m.PreparedStatement] + "\x00" + fmt.Sprint(ps)
			b.Send(&pgproto3.BindComplete{})
		case *pgproto3.Execute:
			sql, params, _ := strings.Cut(portals[m.Portal], "\x00")
			exec(sql, params)
		case *pgproto3.Close:
			b.Send(&pgproto3.CloseComplete{})
		case *pgproto3.Sync:
			b.Send(&pgproto3.ReadyForQuery{TxStatus: 'I'})
			if b.Flush() != nil {
				return
			}
		case *pgproto3.Flush:
			if b.Flush() != nil {
				return
			}
		case *pgproto3.Terminate:
			return
		default:
			s.t.Logf("pgServer: unsupported message %T", msg)
			return
		}
	}
}

// newPGPool opens a pool to relay with pgxpool's defaults (connection
// string without pool_ settings), changed by edit, and closes it when the
// test ends.
func newPGPool(t *testing.T, relay *natsim.Relay, edit func(*pgxpool.Config)) *pgxpool.Pool {
	t.Helper()
	return newPGPoolAt(t, relay.Addr(), edit)
}

// newPGPoolAt is newPGPool for a server at addr (host:port).
func newPGPoolAt(t *testing.T, addr string, edit func(*pgxpool.Config)) *pgxpool.Pool {
	t.Helper()
	host, port, _ := net.SplitHostPort(addr)
	cfg, err := pgxpool.ParseConfig(fmt.Sprintf("host=%s port=%s user=app dbname=app sslmode=disable connect_timeout=10", host, port))
	if err != nil {
		t.Fatal(err)
	}
	if edit != nil {
		edit(cfg)
	}
	p, err := pgxpool.NewWithConfig(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(p.Close)
	return p
}

const pgInsert = "INSERT INTO payments (id) VALUES ($1)"

func pgExec(p *pgxpool.Pool, id string) error {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	tag, err := p.Exec(ctx, pgInsert, id)
	if err == nil && tag.String() != "INSERT 0 1" {
		err = fmt.Errorf("command tag %q", tag)
	}
	return err
}

func TestPgxpool(t *testing.T) {
	t.Parallel()
	// Defaults: the connection has been idle for more than 1 s, so Acquire
	// pings it; the ping is written on the forgotten flow and gets the RST;
	// pgxpool destroys the connection, dials a new one, and the INSERT
	// succeeds on it. The reset costs one round trip, not the INSERT.
	t.Run("defaults/heals", func(t *testing.T) {
		t.Parallel()
		srv := startPGServer(t)
		relay := startRelay(t, srv.ln.Addr().String(), pgRelayTimeout)
		p := newPGPool(t, relay, nil)
		if err := pgExec(p, "p1"); err != nil {
			t.Fatalf("first INSERT: %v", err)
		}
		idleUntilForgotten(t, relay, 1)
		if err := pgExec(p, "p2"); err != nil {
			t.Fatalf("INSERT after idle: %v", err)
		}
		// Flows: 1 the pooled connection, whose ping got the RST; then,
		// in either order, pgconn's CancelRequest for it (asyncClose) and
		// the new connection the INSERT ran on.
		waitFor(5*time.Second, func() bool { return srv.cancelRequests() == 1 })
		s := relay.Stats()
		if s.ResetsSent != 1 || s.FlowsOpened != 3 || srv.cancelRequests() != 1 {
			t.Errorf("want the ping reset on flow 1, a CancelRequest and a new connection: %+v, %d CancelRequests", s, srv.cancelRequests())
		}
		if got, want := fmt.Sprint(srv.inserts()), fmt.Sprint([]string{pgInsert + " [p1]", pgInsert + " [p2]"}); got != want {
			t.Errorf("server saw %s, want %s", got, want)
		}
		if n := srv.pings(); n != 0 {
			t.Errorf("server answered %d pings, want 0: the ping died on the forgotten flow", n)
		}
	})

	// What heals is the ping: without it (ShouldPing returning false), the
	// INSERT is written on the forgotten flow and fails with the RST; pgx
	// does not retry it (the statement was sent), and the server never saw it.
	t.Run("no ping/fails", func(t *testing.T) {
		t.Parallel()
		srv := startPGServer(t)
		relay := startRelay(t, srv.ln.Addr().String(), pgRelayTimeout)
		p := newPGPool(t, relay, func(c *pgxpool.Config) {
			c.ShouldPing = func(context.Context, pgxpool.ShouldPingParams) bool { return false }
		})
		if err := pgExec(p, "p1"); err != nil {
			t.Fatalf("first INSERT: %v", err)
		}
		idleUntilForgotten(t, relay, 1)
		err := pgExec(p, "p2")
		wantPGReset(t, err)
		if got := srv.inserts(); len(got) != 1 {
			t.Errorf("server saw %q, want only the first INSERT", got)
		}
	})

	// MaxConnIdleTime below the NAT's timeout (with the ping off, so that
	// it does not mask the knob): the health check, scaled to run every
	// 200 ms, closes the idle connection while the relay still knows the
	// flow, and the INSERT after idle goes out on a new connection.
	t.Run("MaxConnIdleTime+HealthCheckPeriod/heals", func(t *testing.T) {
		t.Parallel()
		srv := startPGServer(t)
		relay := startRelay(t, srv.ln.Addr().String(), pgRelayTimeout)
		p := newPGPool(t, relay, func(c *pgxpool.Config) {
			c.ShouldPing = func(context.Context, pgxpool.ShouldPingParams) bool { return false }
			c.MaxConnIdleTime = pgIdleTime
			c.HealthCheckPeriod = pgHealthCheckPeriod
		})
		if err := pgExec(p, "p1"); err != nil {
			t.Fatalf("first INSERT: %v", err)
		}
		time.Sleep(pgRelayTimeout + pgRelayTimeout/4)
		if err := pgExec(p, "p2"); err != nil {
			t.Fatalf("INSERT after idle: %v", err)
		}
		s := relay.Stats()
		if s.ResetsSent != 0 || s.FlowsForgotten != 0 || s.FlowsOpened != 2 {
			t.Errorf("want flow 1 closed by the health check before the relay forgot it, the INSERT on flow 2: %+v %+v", s, relay.Flows())
		}
		if got := srv.inserts(); len(got) != 2 {
			t.Errorf("server saw %q, want both INSERTs", got)
		}
	})

	// MaxConnIdleTime alone is not checked by Acquire: with the default
	// HealthCheckPeriod (1 min, which this test does not reach) the
	// connection idle for longer than MaxConnIdleTime is handed out, and
	// without the ping the INSERT fails. In production a connection can
	// stay pooled for MaxConnIdleTime + HealthCheckPeriod, so
	// pool_max_conn_idle_time=5m with the default 1 min period exceeds 350 s.
	t.Run("MaxConnIdleTime without health check/fails", func(t *testing.T) {
		t.Parallel()
		srv := startPGServer(t)
		relay := startRelay(t, srv.ln.Addr().String(), pgRelayTimeout)
		p := newPGPool(t, relay, func(c *pgxpool.Config) {
			c.ShouldPing = func(context.Context, pgxpool.ShouldPingParams) bool { return false }
			c.MaxConnIdleTime = pgIdleTime
		})
		if err := pgExec(p, "p1"); err != nil {
			t.Fatalf("first INSERT: %v", err)
		}
		idleUntilForgotten(t, relay, 1)
		wantPGReset(t, pgExec(p, "p2"))
		if got := srv.inserts(); len(got) != 1 {
			t.Errorf("server saw %q, want only the first INSERT", got)
		}
	})
}

// wantPGReset asserts that err is pgx's error for a statement written on a
// flow the relay had forgotten.
func wantPGReset(t *testing.T, err error) {
	t.Helper()
	if err == nil {
		t.Fatal("the INSERT after idle succeeded; want connection reset by peer")
	}
	t.Logf("INSERT after idle: %v", err)
	if !errors.Is(err, syscall.ECONNRESET) {
		t.Errorf("error is not ECONNRESET: %#v", err)
	}
	if !strings.HasPrefix(err.Error(), "read tcp 127.0.0.1:") || !strings.HasSuffix(err.Error(), ": read: connection reset by peer") {
		t.Errorf("error %q, want \"read tcp ...: read: connection reset by peer\"", err)
	}
	if pgconn.SafeToRetry(err) {
		t.Errorf("pgconn.SafeToRetry(%v) = true, want false: the statement was sent", err)
	}
}
