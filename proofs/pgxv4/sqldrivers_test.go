// Package pgxv4_test proves what github.com/jackc/pgx/v4/stdlib does after
// an idle drop. It is a test binary of its own: pgx v4's stdlib registers
// the driver name "pgx" unless another pgx registered it first
// (stdlib/sql.go:88-93, v4.18.3), and package initialization runs in import
// path order, so in one binary with pgx v5's stdlib "pgx" would be v4's.
package pgxv4_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"testing"
	"time"

	"github.com/jackc/pgconn"
	"github.com/jackc/pgx/v4/stdlib"

	"github.com/keepalivelint/keepalivelint/internal/natsim"
	"github.com/keepalivelint/keepalivelint/proofs/internal/dbserver"
	"github.com/keepalivelint/keepalivelint/proofs/internal/prooftest"
)

func TestMain(m *testing.M) {
	code := m.Run()
	if err := dbserver.StopAll(); err != nil {
		fmt.Fprintln(os.Stderr, "stopping the database servers:", err)
		code = 1
	}
	if code == 0 {
		if leaked := natsim.WaitNoLeaks(10*time.Second, "github.com/jackc/", "database/sql.", "prooftest."); leaked != "" {
			fmt.Fprintf(os.Stderr, "leaked goroutines after all tests:\n%s\n", leaked)
			code = 1
		}
	}
	os.Exit(code)
}

// relayTimeout matches the v5 proof's (above its 1 s ping threshold), so
// that the two differ only in the driver.
const relayTimeout = 1500 * time.Millisecond

// callerDeadline is the deadline the application gives the query after
// idle, as in the v5 proof.
const callerDeadline = 3 * time.Second

// TestDriverPgxV4Stdlib: github.com/jackc/pgx/v4/stdlib, sql.Open("pgx").
// ResetSession only checks IsClosed (stdlib/sql.go:474-480, v4.18.3): no
// ping. The INSERT is written on the forgotten flow and the first read gets
// the reset, but pgconn v1.14.3's readUntilRowDescription discards the
// error of its peek (pgconn.go:1661); Linux reports a reset once, so the
// next read returns 0 bytes, which pgproto3 v2.3.3 turns into
// io.ErrUnexpectedEOF (frontend.go:68-80). ExecContext returns it as it is:
// pgconn.SafeToRetry is false, so no driver.ErrBadConn (stdlib/sql.go:418-425)
// and database/sql does not retry.
func TestDriverPgxV4Stdlib(t *testing.T) {
	t.Run("RST/fails", func(t *testing.T) {
		t.Parallel()
		tb, db, relay := prooftest.PostgresAfterIdle(t, "pgx", relayTimeout)
		if db.Driver() != stdlib.GetDefaultDriver() {
			t.Fatalf(`sql.Open("pgx") is %T, not pgx v4's driver`, db.Driver())
		}
		err, _ := tb.InsertWithin(db, "p2", 10*time.Second)
		if err == nil {
			t.Fatal("the INSERT after idle succeeded; want connection reset by peer")
		}
		t.Logf("INSERT after idle: %v (%T)", err, err)
		if !errors.Is(err, io.ErrUnexpectedEOF) || err.Error() != "unexpected EOF" {
			t.Errorf("want io.ErrUnexpectedEOF, got %#v", err)
		}
		if pgconn.SafeToRetry(err) {
			t.Errorf("pgconn.SafeToRetry(%v) = true, want false: the statement was sent", err)
		}
		flows := relay.Flows()
		if s := relay.Stats(); s.ResetsSent != 1 || flows[0].State != natsim.FlowReset || flows[0].DroppedBytes == 0 {
			t.Errorf("want flow 1 reset with its payload dropped: %+v %+v", s, flows)
		}
		tb.WantRows(t, 0, "p2")
		tb.WantRows(t, 1, "p1")
	})

	// Silent drop: with no ping the INSERT itself is written into the
	// void and waits for the caller's deadline, when pgconn's context
	// watcher sets a deadline on the socket.
	t.Run("silent/fails at the caller's deadline", func(t *testing.T) {
		t.Parallel()
		tb, db, _ := prooftest.PostgresAfterSilentIdle(t, "pgx", relayTimeout)
		err, took := tb.InsertWithin(db, "p2", callerDeadline)
		prooftest.WantDeadline(t, err, took, callerDeadline)
		if err == nil || err.Error() != "timeout: context deadline exceeded" {
			t.Errorf("want pgconn's \"timeout: context deadline exceeded\", got %v", err)
		}
		tb.WantRows(t, 0, "p2")
	})

	// FIN: the server ended the idle session (idle_session_timeout, 1 s)
	// while the relay still knew the flow, sending a FATAL ErrorResponse
	// (57P05) before closing. With no ping, the INSERT's messages are
	// written on the closed connection, and the first message read back is
	// that error: a *pgconn.PgError, not SafeToRetry, so no retry.
	t.Run("FIN/fails", func(t *testing.T) {
		t.Parallel()
		srv, tb := prooftest.PostgresTable(t, "pgx")
		relay := prooftest.StartRelay(t, srv.Addr, 4*time.Second)
		db := prooftest.OpenDB(t, "pgx", dbserver.PostgresDSN(relay.Addr())+" idle_session_timeout=1000")
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		tb.InsertFirst(t, db, "p1")
		tb.WaitServerClosed(t, db, prooftest.PostgresBackendID, prooftest.PostgresSessions)
		err := tb.Insert(ctx, db, "p2")
		t.Logf("INSERT after the server's close: %v (%T)", err, err)
		var pgErr *pgconn.PgError
		if !errors.As(err, &pgErr) || pgErr.Severity != "FATAL" || pgErr.Code != "57P05" {
			t.Errorf("want the server's FATAL 57P05 (idle-session timeout), got %#v", err)
		}
		if s := relay.Stats(); s.ResetsSent != 0 || s.FlowsForgotten != 0 || s.FlowsOpened != 1 {
			t.Errorf("want one flow, closed by the server, no reset: %+v %+v", s, relay.Flows())
		}
		tb.WantRows(t, 0, "p2")
		tb.WantRows(t, 1, "p1")
	})
}
