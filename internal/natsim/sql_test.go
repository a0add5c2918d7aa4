package natsim_test

import (
	"bufio"
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"io"
	"net"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/keepalivelint/keepalivelint/internal/natsim"
	"github.com/keepalivelint/keepalivelint/internal/natsim/natsimtest"
)

// The database/sql tests use a longer relay timeout than the HTTP tests:
// database/sql enforces SetConnMaxIdleTime only in a cleaner goroutine that
// runs at most once a second (database/sql connectionCleaner, minInterval),
// and does not check the idle time when it hands out a pooled connection.
// A connection can therefore stay pooled up to about a second longer than
// its max idle time; the NAT's timeout must exceed that (trivially true of
// 350 s in production, not of a 300 ms test timeout).
const (
	sqlRelayTimeout = 1500 * time.Millisecond
	sqlIdleFor      = sqlRelayTimeout + 300*time.Millisecond
	sqlMaxIdleTime  = 200 * time.Millisecond
)

// lineServer is a tiny database server. It reads one statement per line and
// answers "OK <statement>" to each.
type lineServer struct {
	ln    net.Listener
	wg    sync.WaitGroup
	mu    sync.Mutex
	conns []net.Conn
	seen  []string
}

func newLineServer(t *testing.T) *lineServer {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	s := &lineServer{ln: ln}
	s.wg.Add(1)
	go s.accept()
	t.Cleanup(s.close)
	return s
}

func (s *lineServer) accept() {
	defer s.wg.Done()
	for {
		c, err := s.ln.Accept()
		if err != nil {
			return
		}
		s.mu.Lock()
		s.conns = append(s.conns, c)
		s.mu.Unlock()
		s.wg.Add(1)
		go s.serve(c)
	}
}

func (s *lineServer) serve(c net.Conn) {
	defer s.wg.Done()
	defer c.Close()
	br := bufio.NewReader(c)
	for {
		line, err := br.ReadString('\n')
		if err != nil {
			return
		}
		stmt := strings.TrimSuffix(line, "\n")
		s.mu.Lock()
		s.seen = append(s.seen, stmt)
		s.mu.Unlock()
		if _, err := io.WriteString(c, "OK "+stmt+"\n"); err != nil {
			return
		}
	}
}

func (s *lineServer) statements() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]string(nil), s.seen...)
}

func (s *lineServer) close() {
	s.ln.Close()
	s.mu.Lock()
	for _, c := range s.conns {
		c.Close()
	}
	s.mu.Unlock()
	s.wg.Wait()
}

// lineConnector opens connections of the line protocol to addr.
type lineConnector struct{ addr string }

func (c lineConnector) Connect(ctx context.Context) (driver.Conn, error) {
	var d net.Dialer
	nc, err := d.DialContext(ctx, "tcp", c.addr)
	if err != nil {
		return nil, err
	}
	return &lineConn{nc: nc, br: bufio.NewReader(nc)}, nil
}

func (c lineConnector) Driver() driver.Driver { return lineDriver{} }

type lineDriver struct{}

func (lineDriver) Open(string) (driver.Conn, error) {
	return nil, errors.New("linedriver: use sql.OpenDB with a connector")
}

// lineConn is a driver connection. Like real drivers (lib/pq, pgx,
// go-sql-driver/mysql), it returns driver.ErrBadConn only when it knows the
// statement was not sent; a network error after bytes were written is
// returned as is, because the statement may have run. It implements
// driver.Validator, so that database/sql discards it after such an error.
type lineConn struct {
	nc  net.Conn
	br  *bufio.Reader
	bad bool
}

func (c *lineConn) roundTrip(ctx context.Context, stmt string) (string, error) {
	if c.bad {
		return "", driver.ErrBadConn // nothing sent: safe to retry
	}
	deadline, ok := ctx.Deadline()
	if !ok {
		deadline = time.Now().Add(10 * time.Second)
	}
	c.nc.SetDeadline(deadline)
	if _, err := io.WriteString(c.nc, stmt+"\n"); err != nil {
		c.bad = true
		return "", err
	}
	line, err := c.br.ReadString('\n')
	if err != nil {
		c.bad = true
		return "", err
	}
	if want := "OK " + stmt + "\n"; line != want {
		c.bad = true
		return "", fmt.Errorf("linedriver: got %q, want %q", line, want)
	}
	return stmt, nil
}

func (c *lineConn) ExecContext(ctx context.Context, query string, args []driver.NamedValue) (driver.Result, error) {
	if _, err := c.roundTrip(ctx, query); err != nil {
		return nil, err
	}
	return driver.RowsAffected(1), nil
}

func (c *lineConn) QueryContext(ctx context.Context, query string, args []driver.NamedValue) (driver.Rows, error) {
	v, err := c.roundTrip(ctx, query)
	if err != nil {
		return nil, err
	}
	return &lineRows{vals: []string{v}}, nil
}

func (c *lineConn) IsValid() bool { return !c.bad }

func (c *lineConn) Prepare(query string) (driver.Stmt, error) {
	return nil, errors.New("linedriver: Prepare not supported")
}
func (c *lineConn) Close() error              { return c.nc.Close() }
func (c *lineConn) Begin() (driver.Tx, error) { return nil, errors.New("linedriver: no transactions") }

type lineRows struct{ vals []string }

func (r *lineRows) Columns() []string { return []string{"v"} }
func (r *lineRows) Close() error      { return nil }
func (r *lineRows) Next(dest []driver.Value) error {
	if len(r.vals) == 0 {
		return io.EOF
	}
	dest[0], r.vals = r.vals[0], r.vals[1:]
	return nil
}

// openDB opens a pool whose connections go through relay.
func openDB(t *testing.T, relay *natsim.Relay) *sql.DB {
	t.Helper()
	db := sql.OpenDB(lineConnector{addr: relay.Addr()})
	t.Cleanup(func() { db.Close() })
	return db
}

func queryOne(t *testing.T, db *sql.DB, q string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	var v string
	if err := db.QueryRowContext(ctx, q).Scan(&v); err != nil {
		t.Fatalf("query %q: %v", q, err)
	}
	if v != q {
		t.Fatalf("query %q returned %q", q, v)
	}
}

func execCtx(db *sql.DB, q string) error {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	_, err := db.ExecContext(ctx, q)
	return err
}

// TestDatabaseSQL shows a database/sql pool against the NAT: database/sql
// retries only on driver.ErrBadConn, which a driver may return only when
// nothing was sent, so the reset reaches the caller.
func TestDatabaseSQL(t *testing.T) {
	t.Parallel()
	t.Run("no SetConnMaxIdleTime", func(t *testing.T) {
		t.Parallel()
		srv := newLineServer(t)
		relay := natsimtest.StartRelay(t, srv.ln.Addr().String(), sqlRelayTimeout)
		db := openDB(t, relay)

		queryOne(t, db, "SELECT 1")
		time.Sleep(sqlIdleFor)
		if !relay.WaitFor(10*time.Second, func(s natsim.Stats) bool { return s.FlowsForgotten == 1 }) {
			t.Fatalf("relay did not forget the idle flow: %+v", relay.Stats())
		}
		err := execCtx(db, "INSERT payment 2")
		if err == nil {
			t.Fatal("ExecContext on the forgotten flow succeeded; want connection reset")
		}
		t.Logf("database/sql ExecContext after idle: %v", err)
		if !errors.Is(err, syscall.ECONNRESET) {
			t.Errorf("error is not ECONNRESET: %v", err)
		}
		if errors.Is(err, driver.ErrBadConn) {
			t.Errorf("error is driver.ErrBadConn, want the raw network error: %v", err)
		}
		if got := srv.statements(); !equal(got, []string{"SELECT 1"}) {
			t.Errorf("server saw %q, want only the SELECT", got)
		}
		if s := relay.Stats(); s.ResetsSent != 1 || s.FlowsOpened != 1 {
			t.Errorf("relay stats %+v, want 1 reset on the only flow (no retry by database/sql)", s)
		}

		// IsValid reported the connection bad, so the pool dropped it
		// and the caller's retry gets a new one.
		if err := execCtx(db, "INSERT payment 2"); err != nil {
			t.Fatalf("retried ExecContext: %v", err)
		}
		if got := srv.statements(); !equal(got, []string{"SELECT 1", "INSERT payment 2"}) {
			t.Errorf("server saw %q", got)
		}
		if s := relay.Stats(); s.FlowsOpened != 2 {
			t.Errorf("relay opened %d flows, want 2", s.FlowsOpened)
		}
	})

	t.Run("SetConnMaxIdleTime below the NAT timeout", func(t *testing.T) {
		t.Parallel()
		srv := newLineServer(t)
		relay := natsimtest.StartRelay(t, srv.ln.Addr().String(), sqlRelayTimeout)
		db := openDB(t, relay)
		db.SetConnMaxIdleTime(sqlMaxIdleTime)

		queryOne(t, db, "SELECT 1")
		time.Sleep(sqlIdleFor)
		if err := execCtx(db, "INSERT payment 2"); err != nil {
			t.Fatalf("ExecContext after idle: %v", err)
		}
		if st := db.Stats(); st.MaxIdleTimeClosed != 1 {
			t.Errorf("db.Stats().MaxIdleTimeClosed = %d, want 1", st.MaxIdleTimeClosed)
		}
		if s := relay.Stats(); s.ResetsSent != 0 || s.FlowsOpened != 2 {
			t.Errorf("relay stats %+v, want no reset and 2 flows", s)
		}
		if got := srv.statements(); !equal(got, []string{"SELECT 1", "INSERT payment 2"}) {
			t.Errorf("server saw %q", got)
		}
	})

	// With a NAT timeout shorter than database/sql's cleaner interval (1 s),
	// a max idle time below the NAT timeout is not enough: the connection
	// is still pooled when the NAT has already forgotten it.
	t.Run("SetConnMaxIdleTime is enforced at most once a second", func(t *testing.T) {
		t.Parallel()
		srv := newLineServer(t)
		relay := natsimtest.StartRelay(t, srv.ln.Addr().String(), relayTimeout)
		db := openDB(t, relay)
		db.SetConnMaxIdleTime(fixIdle)

		queryOne(t, db, "SELECT 1")
		start := time.Now()
		if !relay.WaitFor(5*time.Second, func(s natsim.Stats) bool { return s.FlowsForgotten == 1 }) {
			t.Fatalf("relay did not forget the idle flow: %+v", relay.Stats())
		}
		if db.Stats().MaxIdleTimeClosed != 0 {
			t.Skipf("the cleaner already ran %v after the query; machine too slow to show the gap", time.Since(start))
		}
		err := execCtx(db, "INSERT payment 2")
		if err == nil && db.Stats().MaxIdleTimeClosed != 0 {
			t.Skipf("the cleaner ran before the Exec (%v after the query); machine too slow to show the gap", time.Since(start))
		}
		t.Logf("database/sql ExecContext %v after the query, max idle time %v, NAT timeout %v: %v", time.Since(start), fixIdle, relayTimeout, err)
		if !errors.Is(err, syscall.ECONNRESET) {
			t.Errorf("ExecContext %v after the query: got %v, want connection reset", time.Since(start), err)
		}
	})
}
