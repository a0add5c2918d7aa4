package proofs_test

// database/sql pools with real drivers against real servers (Debian's
// PostgreSQL and MariaDB, started by internal/dbserver), over the NAT relay
// (an AWS NAT Gateway: the next payload on a forgotten flow gets an RST)
// and over prooftest.SilentRelay (a middlebox that drops a forgotten flow's
// packets).
// Whether the first query after an idle drop fails depends on what the
// driver's ResetSession does when database/sql hands it a reused
// connection: database/sql retries a query on a new connection only when
// the driver returns driver.ErrBadConn (database/sql/sql.go:1347-1351 and
// 1572-1584, Go 1.26).
//
// pgx v4's stdlib is proven in ./pgxv4: its init registers the name "pgx"
// when no other pgx did, so in one binary with v5 "pgx" would be v4's.

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net"
	"regexp"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/go-sql-driver/mysql"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/stdlib"
	"github.com/lib/pq"

	"github.com/keepalivelint/keepalivelint/internal/natsim"
	"github.com/keepalivelint/keepalivelint/proofs/internal/dbserver"
	"github.com/keepalivelint/keepalivelint/proofs/internal/prooftest"
)

const (
	// sqlRelayTimeout exceeds pgx stdlib's unscaled 1 s ping threshold,
	// as pgRelayTimeout does pgxpool's.
	sqlRelayTimeout = 1500 * time.Millisecond
	// mysqlWaitTimeout (seconds) and pgIdleSessionTimeout (ms) are the
	// session's idle timeout of the FIN cases; their relay's timeout is
	// above it, so the server closes the idle connection first.
	mysqlWaitTimeout     = "1"
	pgIdleSessionTimeout = "1000"
	finRelayTimeout      = 4 * time.Second
)

// sqlExec inserts id through db with a 10 s deadline.
func sqlExec(db *sql.DB, tb *prooftest.Table, id string) error {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	return tb.Insert(ctx, db, id)
}

// wantNetReset asserts that err is the read error of a statement written on a
// flow the relay had forgotten, returned as the driver got it.
func wantNetReset(t *testing.T, err error) {
	t.Helper()
	if err == nil {
		t.Fatal("the INSERT after idle succeeded; want connection reset by peer")
	}
	t.Logf("INSERT after idle: %v (%T)", err, err)
	var op *net.OpError
	if !errors.As(err, &op) || !errors.Is(err, syscall.ECONNRESET) {
		t.Errorf("error is not a *net.OpError with ECONNRESET: %#v", err)
	}
	if !strings.HasPrefix(err.Error(), "read tcp 127.0.0.1:") || !strings.HasSuffix(err.Error(), ": read: connection reset by peer") {
		t.Errorf("error %q, want \"read tcp ...: read: connection reset by peer\"", err)
	}
}

// wantResetStats asserts that the relay reset the pooled connection's flow
// and that the INSERT's bytes died there: flow 1 reset, with payload dropped.
func wantResetStats(t *testing.T, relay *natsim.Relay) {
	t.Helper()
	flows := relay.Flows()
	if s := relay.Stats(); s.ResetsSent != 1 || len(flows) == 0 || flows[0].State != natsim.FlowReset || flows[0].DroppedBytes == 0 {
		t.Errorf("want flow 1 reset with its payload dropped: %+v %+v", s, flows)
	}
}

// wantHealedAfterClose asserts that the INSERT after the server closed the
// idle connection (err) succeeded on a new connection: flow 1 closed by the
// server, no reset, flow 2 for the INSERT, applied once.
func wantHealedAfterClose(t *testing.T, err error, relay *natsim.Relay, tb *prooftest.Table) {
	t.Helper()
	if err != nil {
		t.Fatalf("INSERT after the server's close: %v", err)
	}
	if s := relay.Stats(); s.ResetsSent != 0 || s.FlowsForgotten != 0 || s.FlowsOpened != 2 {
		t.Errorf("want flow 1 closed by the server, the INSERT on flow 2: %+v %+v", s, relay.Flows())
	}
	tb.WantRows(t, 1, "p1", "p2")
}

// pgFIN runs the case where the PostgreSQL server closes the idle
// connection first (idle_session_timeout, PostgreSQL 14 and later: the
// server sends a FATAL ErrorResponse, 57P05, and closes) while the relay
// still knows the flow; it returns the error of the INSERT after, and the
// relay and table for the caller's assertions.
func pgFIN(t *testing.T, driver string) (error, *natsim.Relay, *prooftest.Table) {
	t.Helper()
	srv, tb := prooftest.PostgresTable(t, driver)
	relay := startRelay(t, srv.Addr, finRelayTimeout)
	db := prooftest.OpenDB(t, driver, dbserver.PostgresDSN(relay.Addr())+" idle_session_timeout="+pgIdleSessionTimeout)
	tb.InsertFirst(t, db, "p1")
	tb.WaitServerClosed(t, db, prooftest.PostgresBackendID, prooftest.PostgresSessions)
	err := sqlExec(db, tb, "p2")
	t.Logf("INSERT after the server's close: %v (%T)", err, err)
	return err, relay, tb
}

// TestDriverPgxV5Stdlib: github.com/jackc/pgx/v5/stdlib, sql.Open("pgx").
// ResetSession pings a connection idle for more than 1 s and returns
// driver.ErrBadConn when the ping fails (stdlib/sql.go:566-598, v5.13.0).
func TestDriverPgxV5Stdlib(t *testing.T) {
	t.Parallel()
	// RST: the ping gets the reset, ResetSession returns ErrBadConn,
	// database/sql closes the connection and runs the INSERT on a new one.
	t.Run("RST/heals", func(t *testing.T) {
		t.Parallel()
		tb, db, relay := prooftest.PostgresAfterIdle(t, "pgx", sqlRelayTimeout)
		if db.Driver() != stdlib.GetDefaultDriver() {
			t.Fatalf(`sql.Open("pgx") is %T, not pgx v5's driver`, db.Driver())
		}
		if err := sqlExec(db, tb, "p2"); err != nil {
			t.Fatalf("INSERT after idle: %v", err)
		}
		// Flows: 1 the pooled connection, whose ping got the RST; then,
		// in either order, pgconn's CancelRequest for it (asyncClose,
		// pgconn/pgconn.go:832-865) and the connection the INSERT ran on.
		relay.WaitFor(5*time.Second, func(s natsim.Stats) bool { return s.FlowsOpened >= 3 })
		wantResetStats(t, relay)
		if s := relay.Stats(); s.FlowsOpened != 3 {
			t.Errorf("want 3 flows (the reset one, a CancelRequest, the new connection): %+v %+v", s, relay.Flows())
		}
		tb.WantRows(t, 1, "p1", "p2")
	})

	// What heals is the ping: with OptionShouldPing returning false the
	// INSERT is written on the forgotten flow and fails with the reset.
	t.Run("RST, OptionShouldPing false/fails", func(t *testing.T) {
		t.Parallel()
		srv, tb := prooftest.PostgresTable(t, "pgx")
		relay := startRelay(t, srv.Addr, sqlRelayTimeout)
		cfg, err := pgx.ParseConfig(dbserver.PostgresDSN(relay.Addr()))
		if err != nil {
			t.Fatal(err)
		}
		db := stdlib.OpenDB(*cfg, stdlib.OptionShouldPing(func(context.Context, stdlib.ShouldPingParams) bool { return false }))
		t.Cleanup(func() { db.Close() })
		tb.InsertFirst(t, db, "p1")
		idleUntilForgotten(t, relay, 1)
		wantNetReset(t, sqlExec(db, tb, "p2"))
		wantResetStats(t, relay)
		tb.WantRows(t, 0, "p2")
	})

	// Silent drop: the ping is swallowed and waits for the caller's
	// context (ResetSession pings with it, stdlib/sql.go:590); when the
	// deadline fires the ping fails, ResetSession returns ErrBadConn, and
	// database/sql's retry finds the context done (sql.go:1322-1328) and
	// returns its error. The INSERT is never sent.
	t.Run("silent/waits for the caller's deadline", func(t *testing.T) {
		t.Parallel()
		tb, db, _ := prooftest.PostgresAfterSilentIdle(t, "pgx", silentTimeout)
		err, took := tb.InsertWithin(db, "p2", callerDeadline)
		prooftest.WantDeadline(t, err, took, callerDeadline)
		tb.WantRows(t, 0, "p2")
	})

	// FIN: the server ended the idle session; the ping (idle > 1 s) reads
	// its FATAL error, ResetSession returns ErrBadConn, and the INSERT
	// runs on a new connection.
	t.Run("FIN/heals", func(t *testing.T) {
		t.Parallel()
		err, relay, tb := pgFIN(t, "pgx")
		wantHealedAfterClose(t, err, relay, tb)
	})
}

// TestDriverLibPQ: github.com/lib/pq, sql.Open("postgres"). ResetSession
// only reports a connection already marked bad (conn.go:1809-1814,
// v1.12.3); nothing is sent before the query.
func TestDriverLibPQ(t *testing.T) {
	t.Parallel()
	// RST: the INSERT is written on the forgotten flow, the read gets the
	// reset, and handleError returns the *net.OpError as it is, only
	// marking the connection bad (error.go:296-297); database/sql does not
	// retry it. The next INSERT runs on a new connection.
	t.Run("RST/fails", func(t *testing.T) {
		t.Parallel()
		tb, db, relay := prooftest.PostgresAfterIdle(t, "postgres", sqlRelayTimeout)
		if _, ok := db.Driver().(*pq.Driver); !ok {
			t.Fatalf(`sql.Open("postgres") is %T`, db.Driver())
		}
		wantNetReset(t, sqlExec(db, tb, "p2"))
		wantResetStats(t, relay)
		tb.WantRows(t, 0, "p2")
		if err := sqlExec(db, tb, "p3"); err != nil {
			t.Errorf("the INSERT after the failed one: %v", err)
		}
		tb.WantRows(t, 1, "p1", "p3")
	})

	// Silent drop: the INSERT is swallowed; at the caller's deadline
	// watchCancel marks the connection bad and sends a CancelRequest on a
	// new connection (conn_go18.go:95-133), which cancels nothing, but the
	// read waits on with no deadline: the call outlives the caller's
	// deadline until the connection ends (here: the relay is closed).
	t.Run("silent/outlives the caller's deadline", func(t *testing.T) {
		t.Parallel()
		tb, db, relay := prooftest.PostgresAfterSilentIdle(t, "postgres", silentTimeout)
		type result struct {
			err  error
			took time.Duration
		}
		done := make(chan result, 1)
		go func() { err, took := tb.InsertWithin(db, "p2", callerDeadline); done <- result{err, took} }()
		const grace = 3 * time.Second
		select {
		case r := <-done:
			t.Fatalf("the INSERT returned after %v: %v; want it still waiting %v after the caller's deadline", r.took, r.err, grace)
		case <-time.After(callerDeadline + grace):
		}
		relay.Close()
		r := <-done
		t.Logf("INSERT after idle, still waiting %v after its %v deadline; after the relay closed, after %v: %v", grace, callerDeadline, r.took.Round(100*time.Millisecond), r.err)
		if r.err == nil {
			t.Errorf("the INSERT succeeded")
		}
		tb.WantRows(t, 0, "p2")
	})

	// FIN: the server ended the idle session. lib/pq writes the
	// statement's Parse on the closed connection and reads the FATAL
	// ErrorResponse (57P05) the server sent before closing; handleError
	// turns a FATAL error into driver.ErrBadConn (error.go:306-308), and
	// database/sql runs the INSERT on a new connection (PQGO_DEBUG=1 shows
	// the exchange).
	t.Run("FIN/heals", func(t *testing.T) {
		t.Parallel()
		err, relay, tb := pgFIN(t, "postgres")
		wantHealedAfterClose(t, err, relay, tb)
	})
}

// TestDriverMySQL: github.com/go-sql-driver/mysql against MariaDB,
// sql.Open("mysql"). ResetSession's connCheck (CheckConnLiveness, on by
// default) peeks at the idle socket without sending anything
// (connection.go:788-818, conncheck.go, v1.11.0): it sees what the server
// sent, a FIN, but not a flow a NAT forgot, which is silent until the query
// is written.
func TestDriverMySQL(t *testing.T) {
	t.Parallel()
	var log logBuffer
	mysql.SetLogger(mysqlLogger{&log})
	direct := func(t *testing.T) (*dbserver.Server, *prooftest.Table) {
		srv := dbserver.MariaDB(t)
		return srv, prooftest.NewTable(t, prooftest.OpenDB(t, "mysql", dbserver.MariaDBConfig(srv.Addr).FormatDSN()), "?")
	}

	// RST: connCheck finds the idle socket quiet; the statement is
	// written (the local write succeeds), the read gets the reset, and
	// readPacket returns ErrInvalidConn (packets.go:52-60); not
	// driver.ErrBadConn, so database/sql does not retry.
	t.Run("RST/fails", func(t *testing.T) {
		t.Parallel()
		srv, tb := direct(t)
		relay := startRelay(t, srv.Addr, sqlRelayTimeout)
		db := prooftest.OpenDB(t, "mysql", dbserver.MariaDBConfig(relay.Addr()).FormatDSN())
		tb.InsertFirst(t, db, "p1")
		idleUntilForgotten(t, relay, 1)
		err := sqlExec(db, tb, "p2")
		t.Logf("INSERT after idle: %v (%T); driver log:\n%s", err, err, log.String())
		if !errors.Is(err, mysql.ErrInvalidConn) {
			t.Errorf("want mysql.ErrInvalidConn, got %#v", err)
		}
		wantResetStats(t, relay)
		tb.WantRows(t, 0, "p2")
	})

	// FIN: the server closes the idle connection (wait_timeout) while the
	// relay still knows the flow; connCheck reads the FIN (io.EOF),
	// ResetSession returns ErrBadConn, and database/sql runs the INSERT
	// on a new connection.
	t.Run("FIN/heals", func(t *testing.T) {
		t.Parallel()
		srv, tb := direct(t)
		relay := startRelay(t, srv.Addr, finRelayTimeout)
		cfg := dbserver.MariaDBConfig(relay.Addr())
		cfg.Params = map[string]string{"wait_timeout": mysqlWaitTimeout}
		db := prooftest.OpenDB(t, "mysql", cfg.FormatDSN())
		tb.InsertFirst(t, db, "p1")
		tb.WaitServerClosed(t, db, prooftest.MariaDBBackendID, prooftest.MariaDBSessions)
		wantHealedAfterClose(t, sqlExec(db, tb, "p2"), relay, tb)
		t.Logf("driver log:\n%s", log.String())
		if !regexp.MustCompile(`closing bad idle connection:\s+EOF`).MatchString(log.String()) {
			t.Errorf("the driver did not log connCheck's EOF")
		}
	})

	// What heals is connCheck: with checkConnLiveness=false the INSERT
	// goes out on the connection the server closed.
	t.Run("FIN, checkConnLiveness=false/fails", func(t *testing.T) {
		t.Parallel()
		srv, tb := direct(t)
		relay := startRelay(t, srv.Addr, finRelayTimeout)
		cfg := dbserver.MariaDBConfig(relay.Addr())
		cfg.Params = map[string]string{"wait_timeout": mysqlWaitTimeout}
		cfg.CheckConnLiveness = false
		db := prooftest.OpenDB(t, "mysql", cfg.FormatDSN())
		tb.InsertFirst(t, db, "p1")
		tb.WaitServerClosed(t, db, prooftest.MariaDBBackendID, prooftest.MariaDBSessions)
		err := sqlExec(db, tb, "p2")
		t.Logf("INSERT after the server's FIN: %v (%T); driver log:\n%s", err, err, log.String())
		if err == nil {
			t.Errorf("the INSERT succeeded")
		}
		tb.WantRows(t, 0, "p2")
	})

	// Silent drop: the INSERT is swallowed and the read waits (no
	// ReadTimeout by default); at the caller's deadline the driver's
	// watcher closes the connection and the call returns the context's
	// error (connection.go:756-778, 584-587; packets.go:55-58).
	t.Run("silent/fails at the caller's deadline", func(t *testing.T) {
		t.Parallel()
		srv, tb := direct(t)
		relay := prooftest.StartSilentRelay(t, srv.Addr, silentTimeout)
		db := prooftest.OpenDB(t, "mysql", dbserver.MariaDBConfig(relay.Addr()).FormatDSN())
		t.Cleanup(relay.Close)
		tb.InsertFirst(t, db, "p1")
		relay.Idle(t, 1)
		err, took := tb.InsertWithin(db, "p2", callerDeadline)
		prooftest.WantDeadline(t, err, took, callerDeadline)
		tb.WantRows(t, 0, "p2")
	})
}

// mysqlLogger sends go-sql-driver/mysql's log to a logBuffer.
type mysqlLogger struct{ b *logBuffer }

func (l mysqlLogger) Print(v ...any) { fmt.Fprintln(l.b, v...) }
