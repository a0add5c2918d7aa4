package prooftest

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"sync/atomic"
	"testing"
	"time"

	"github.com/keepalivelint/keepalivelint/proofs/internal/dbserver"
)

var tables atomic.Int64

// Table is a table of its own for one test on a real database server, so
// that tests sharing the server can count their own rows.
type Table struct {
	Name   string
	direct *sql.DB // to the server itself, not through a relay
	ph     string  // the driver's first placeholder: $1 or ?
}

// NewTable creates a table with one column, id, through direct (a pool
// connected to the server itself), whose driver writes placeholders as ph
// ("$1" for PostgreSQL, "?" for MySQL and MariaDB).
func NewTable(t testing.TB, direct *sql.DB, ph string) *Table {
	t.Helper()
	tb := &Table{Name: fmt.Sprintf("payments_%d", tables.Add(1)), direct: direct, ph: ph}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if _, err := direct.ExecContext(ctx, "CREATE TABLE "+tb.Name+" (id varchar(32) NOT NULL)"); err != nil {
		t.Fatalf("CREATE TABLE: %v", err)
	}
	return tb
}

// InsertSQL is the statement Insert runs.
func (tb *Table) InsertSQL() string {
	return "INSERT INTO " + tb.Name + " (id) VALUES (" + tb.ph + ")"
}

// Insert inserts id through db (the pool under test) with ctx.
func (tb *Table) Insert(ctx context.Context, db *sql.DB, id string) error {
	res, err := db.ExecContext(ctx, tb.InsertSQL(), id)
	if err != nil {
		return err
	}
	if n, err := res.RowsAffected(); err != nil || n != 1 {
		return fmt.Errorf("%d rows affected, %v", n, err)
	}
	return nil
}

// Count returns how many rows with id the server holds: 1 for an INSERT it
// applied once, 0 for one it never saw.
func (tb *Table) Count(t testing.TB, id string) int {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	var n int
	if err := tb.direct.QueryRowContext(ctx, "SELECT count(*) FROM "+tb.Name+" WHERE id = "+tb.ph, id).Scan(&n); err != nil {
		t.Fatalf("counting rows: %v", err)
	}
	return n
}

// WantRows fails t unless the server holds want rows with each id of ids.
func (tb *Table) WantRows(t testing.TB, want int, ids ...string) {
	t.Helper()
	for _, id := range ids {
		if n := tb.Count(t, id); n != want {
			t.Errorf("the server holds %d rows with id %q, want %d", n, id, want)
		}
	}
}

// OpenDB opens a database/sql pool with driver and dsn and closes it when
// the test ends.
func OpenDB(t testing.TB, driver, dsn string) *sql.DB {
	t.Helper()
	db, err := sql.Open(driver, dsn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// Server-side ids of a pool's connection, and how to count them among the
// server's sessions, for WaitServerClosed.
const (
	PostgresBackendID = "SELECT pg_backend_pid()"
	PostgresSessions  = "SELECT count(*) FROM pg_stat_activity WHERE pid = $1"
	MariaDBBackendID  = "SELECT CONNECTION_ID()"
	MariaDBSessions   = "SELECT count(*) FROM information_schema.PROCESSLIST WHERE ID = ?"
)

// WaitServerClosed waits until the server has closed db's pooled connection
// (its idle timeout): the connection's id (idSQL, asked through db, which
// must hold one connection) leaves the server's sessions (countSQL, asked
// through the table's direct pool).
func (tb *Table) WaitServerClosed(t testing.TB, db *sql.DB, idSQL, countSQL string) {
	t.Helper()
	var id int64
	if err := db.QueryRow(idSQL).Scan(&id); err != nil {
		t.Fatalf("%s: %v", idSQL, err)
	}
	gone := WaitFor(10*time.Second, func() bool {
		var n int
		err := tb.direct.QueryRow(countSQL, id).Scan(&n)
		return err == nil && n == 0
	})
	if !gone {
		t.Fatalf("the server did not close connection %d within 10 s", id)
	}
}

// InsertFirst inserts id through db with a 10 s deadline, failing t if it
// fails: the INSERT before the idle period, which opens the connection the
// pool keeps.
func (tb *Table) InsertFirst(t testing.TB, db *sql.DB, id string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := tb.Insert(ctx, db, id); err != nil {
		t.Fatalf("first INSERT: %v", err)
	}
}

// PostgresTable starts (or reuses) the PostgreSQL server and creates a
// table on it through a pool of driver ("pgx", "postgres") connected to
// the server directly.
func PostgresTable(t testing.TB, driver string) (*dbserver.Server, *Table) {
	t.Helper()
	srv := dbserver.Postgres(t)
	return srv, NewTable(t, OpenDB(t, driver, dbserver.PostgresDSN(srv.Addr)), "$1")
}

// InsertWithin inserts id through db with the caller's deadline and
// returns the error and how long the call took.
func (tb *Table) InsertWithin(db *sql.DB, id string, deadline time.Duration) (error, time.Duration) {
	ctx, cancel := context.WithTimeout(context.Background(), deadline)
	defer cancel()
	start := time.Now()
	err := tb.Insert(ctx, db, id)
	return err, time.Since(start)
}

// WantDeadline asserts that an INSERT after a silent drop failed with the
// caller's deadline (err wraps context.DeadlineExceeded) after the whole
// deadline.
func WantDeadline(t testing.TB, err error, took, deadline time.Duration) {
	t.Helper()
	t.Logf("INSERT after idle, after %v: %v (%T)", took.Round(100*time.Millisecond), err, err)
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("want context.DeadlineExceeded, got %#v", err)
	}
	if took < deadline-100*time.Millisecond {
		t.Errorf("the INSERT returned after %v, want the caller's deadline (%v)", took, deadline)
	}
}
