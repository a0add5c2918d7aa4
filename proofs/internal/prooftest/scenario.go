package prooftest

import (
	"database/sql"
	"testing"
	"time"

	"github.com/keepalivelint/keepalivelint/internal/natsim"
	"github.com/keepalivelint/keepalivelint/proofs/internal/dbserver"
)

// PostgresAfterIdle sets up the RST case for a PostgreSQL driver ("pgx",
// "postgres"): a table, a default pool of driver through a new NAT relay
// with timeout, one INSERT (p1), and the idle period until the relay has
// forgotten the pooled connection's flow.
func PostgresAfterIdle(t testing.TB, driver string, timeout time.Duration) (*Table, *sql.DB, *natsim.Relay) {
	t.Helper()
	srv, tb := PostgresTable(t, driver)
	relay := StartRelay(t, srv.Addr, timeout)
	db := OpenDB(t, driver, dbserver.PostgresDSN(relay.Addr()))
	tb.InsertFirst(t, db, "p1")
	IdleUntilForgotten(t, relay, 1)
	return tb, db, relay
}

// PostgresAfterSilentIdle is PostgresAfterIdle through a SilentRelay.
func PostgresAfterSilentIdle(t testing.TB, driver string, timeout time.Duration) (*Table, *sql.DB, *SilentRelay) {
	t.Helper()
	srv, tb := PostgresTable(t, driver)
	relay := StartSilentRelay(t, srv.Addr, timeout)
	db := OpenDB(t, driver, dbserver.PostgresDSN(relay.Addr()))
	// Close the relay before the pool (cleanups run last first): pgconn
	// drains a broken connection for up to 15 s, lib/pq's read never ends.
	t.Cleanup(relay.Close)
	tb.InsertFirst(t, db, "p1")
	relay.Idle(t, 1)
	return tb, db, relay
}
