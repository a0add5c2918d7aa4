package proofs_test

// The same pools behind a middlebox that drops a forgotten flow's packets
// silently instead of answering with an RST: an Azure Load Balancer without
// "TCP reset on idle", or any firewall that drops unknown flows. natsim
// models the AWS NAT Gateway (RST); prooftest.SilentRelay models this one. A
// pool that heals by noticing the RST (pgxpool's ping, go-redis's retry, the
// MongoDB driver's retryable write) can only notice a silent drop by a
// timeout, so the verdict turns on which timeout bounds the wait.

import (
	"context"
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/redis/go-redis/v9"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	"github.com/alicebob/miniredis/v2"

	"github.com/keepalivelint/keepalivelint/proofs/internal/prooftest"
)

const (
	// silentTimeout exceeds pgxpool's unscaled 1 s ping threshold.
	silentTimeout = 1500 * time.Millisecond
	// callerDeadline is the deadline the application gives each call.
	callerDeadline = 3 * time.Second
)

func TestSilentDrop(t *testing.T) {
	t.Parallel()
	// gRPC, no option: the RPC waits for its deadline.
	t.Run("gRPC default/fails", func(t *testing.T) {
		t.Parallel()
		srv := startGRPCServer(t)
		relay := prooftest.StartSilentRelay(t, srv.addr, silentTimeout)
		c := newHealthClient(t, relay.Addr())
		if err := check(c); err != nil {
			t.Fatalf("first RPC: %v", err)
		}
		relay.Idle(t, 1)
		ctx, cancel := context.WithTimeout(context.Background(), callerDeadline)
		defer cancel()
		start := time.Now()
		_, err := healthCheck(ctx, c)
		t.Logf("RPC after idle, after %v: %v", time.Since(start).Round(100*time.Millisecond), err)
		if status.Code(err) != codes.DeadlineExceeded {
			t.Errorf("want DeadlineExceeded, got %v", err)
		}
		if srv.calls.Load() != 1 {
			t.Errorf("server saw %d RPCs, want 1", srv.calls.Load())
		}
	})

	// pgxpool, defaults: Acquire's ping is swallowed, and with PingTimeout
	// 0 it waits for the caller's deadline (pgxpool/pool.go:663-677: the
	// ping gets the caller's deadline and no other; with no deadline it
	// waits until TCP gives up). The Exec takes the whole deadline. It then
	// fails with it, and the INSERT is never sent; or, when the ping's own
	// copy of the deadline fires a moment before the caller's, Acquire
	// takes the failed ping (pool.go:679-684), dials a new connection and
	// the INSERT runs just at the deadline: a race, seen in about one run
	// in four. Either way the caller waits its whole deadline.
	t.Run("pgxpool defaults/waits for the caller's deadline", func(t *testing.T) {
		t.Parallel()
		srv := startPGServer(t)
		relay := prooftest.StartSilentRelay(t, srv.ln.Addr().String(), silentTimeout)
		p := newPGPoolAt(t, relay.Addr(), nil)
		// Close the relay before the pool (cleanups run last first): pgx
		// closes a broken connection by draining it for up to 15 s
		// (pgconn asyncClose, pgconn/pgconn.go:832-865), which on a
		// silently forgotten flow waits out the 15 s.
		t.Cleanup(relay.Close)
		if err := pgExec(p, "p1"); err != nil {
			t.Fatalf("first INSERT: %v", err)
		}
		relay.Idle(t, 1)
		ctx, cancel := context.WithTimeout(context.Background(), callerDeadline)
		defer cancel()
		start := time.Now()
		_, err := p.Exec(ctx, pgInsert, "p2")
		took := time.Since(start)
		t.Logf("INSERT after idle, after %v: %v", took.Round(100*time.Millisecond), err)
		if took < callerDeadline-100*time.Millisecond {
			t.Errorf("the INSERT returned after %v, want the caller's deadline (%v)", took, callerDeadline)
		}
		switch got := srv.inserts(); {
		case err != nil && !errors.Is(err, context.DeadlineExceeded):
			t.Errorf("want context.DeadlineExceeded, got %#v", err)
		case err != nil && len(got) != 1:
			t.Errorf("the INSERT failed, but the server saw %q", got)
		case err == nil && len(got) != 2:
			t.Errorf("the INSERT succeeded, but the server saw %q", got)
		case err == nil:
			t.Logf("the INSERT ran at the deadline on a new connection (the ping's deadline fired first)")
		}
	})

	// pgxpool with PingTimeout (pool_ping_timeout) below the caller's
	// deadline: the ping times out, pgxpool destroys the connection and
	// the INSERT succeeds on a new one.
	t.Run("pgxpool PingTimeout/heals", func(t *testing.T) {
		t.Parallel()
		srv := startPGServer(t)
		relay := prooftest.StartSilentRelay(t, srv.ln.Addr().String(), silentTimeout)
		p := newPGPoolAt(t, relay.Addr(), func(c *pgxpool.Config) { c.PingTimeout = 500 * time.Millisecond })
		// Close the relay before the pool (cleanups run last first): pgx
		// closes a broken connection by draining it for up to 15 s
		// (pgconn asyncClose, pgconn/pgconn.go:832-865), which on a
		// silently forgotten flow waits out the 15 s.
		t.Cleanup(relay.Close)
		if err := pgExec(p, "p1"); err != nil {
			t.Fatalf("first INSERT: %v", err)
		}
		relay.Idle(t, 1)
		ctx, cancel := context.WithTimeout(context.Background(), callerDeadline)
		defer cancel()
		start := time.Now()
		if _, err := p.Exec(ctx, pgInsert, "p2"); err != nil {
			t.Fatalf("INSERT after idle: %v", err)
		}
		t.Logf("INSERT after idle took %v", time.Since(start).Round(100*time.Millisecond))
		if got := srv.inserts(); len(got) != 2 {
			t.Errorf("server saw %q, want both INSERTs", got)
		}
		if n, _, _ := relay.Stats(); n < 2 {
			t.Errorf("want a new connection, got %d flows", n)
		}
	})

	// go-redis, defaults: the SET's reply never comes; after ReadTimeout
	// (5 s by default, options.go:735-742) go-redis retries it on a new
	// connection (a read timeout of a command without a timeout of its own
	// is retried: redis.go:1846-1851 and error.go:113-119), where it
	// succeeds, if the caller's deadline allows. A read timeout does not
	// tell whether the server applied the command, so go-redis may apply a
	// non-idempotent command twice where the request got through and only
	// the reply was lost; here the relay swallowed the request.
	t.Run("go-redis defaults/heals after ReadTimeout", func(t *testing.T) {
		t.Parallel()
		m := miniredis.RunT(t)
		relay := prooftest.StartSilentRelay(t, m.Addr(), silentTimeout)
		c := redis.NewClient(&redis.Options{Addr: relay.Addr()})
		t.Cleanup(func() { c.Close() })
		if err := redisSet(c, "k1", "v1"); err != nil {
			t.Fatalf("first SET: %v", err)
		}
		relay.Idle(t, 1)
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		start := time.Now()
		err := c.Set(ctx, "k2", "v2", 0).Err()
		took := time.Since(start)
		n, _, sw := relay.Stats()
		t.Logf("SET after idle took %v: %v (%d flows, %d bytes swallowed)", took.Round(100*time.Millisecond), err, n, sw)
		if err != nil {
			t.Fatalf("SET after idle: %v", err)
		}
		if took < 4900*time.Millisecond {
			t.Errorf("SET took %v, want about ReadTimeout (5 s)", took)
		}
		if v, _ := m.Get("k2"); v != "v2" {
			t.Errorf("server has k2 = %q, want v2", v)
		}
	})

	// go-redis with the caller's deadline below ReadTimeout: the SET fails
	// with the deadline, and is not retried.
	t.Run("go-redis deadline below ReadTimeout/fails", func(t *testing.T) {
		t.Parallel()
		m := miniredis.RunT(t)
		relay := prooftest.StartSilentRelay(t, m.Addr(), silentTimeout)
		c := redis.NewClient(&redis.Options{Addr: relay.Addr()})
		t.Cleanup(func() { c.Close() })
		if err := redisSet(c, "k1", "v1"); err != nil {
			t.Fatalf("first SET: %v", err)
		}
		relay.Idle(t, 1)
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
		defer cancel()
		err := c.Set(ctx, "k2", "v2", 0).Err()
		t.Logf("SET after idle: %v", err)
		if !errors.Is(err, context.DeadlineExceeded) {
			t.Fatalf("SET after idle: %#v, want context.DeadlineExceeded", err)
		}
		if m.Exists("k2") {
			t.Errorf("server has k2")
		}
	})

	// MongoDB against a replica set, defaults: the insert's reply never
	// comes and, with no socket timeout, the read waits for the caller's
	// deadline; a timeout is not retried and does not clear the pool.
	t.Run("mongo defaults+replica set/fails", func(t *testing.T) {
		t.Parallel()
		srv := startMongoServer(t, "rs0")
		relay := prooftest.StartSilentRelay(t, srv.ln.Addr().String(), silentTimeout+500*time.Millisecond)
		coll := connectMongo(t, relay.Addr(), "")
		if err := mongoInsert(coll, "p1"); err != nil {
			t.Fatalf("first insert: %v", err)
		}
		relay.Idle(t, 1)
		ctx, cancel := context.WithTimeout(context.Background(), callerDeadline)
		defer cancel()
		start := time.Now()
		_, err := coll.InsertOne(ctx, map[string]string{"x": "p2"})
		t.Logf("insert after idle, after %v: %v", time.Since(start).Round(100*time.Millisecond), err)
		if !errors.Is(err, context.DeadlineExceeded) {
			t.Errorf("want context.DeadlineExceeded, got %v", err)
		}
		if got := fmt.Sprint(srv.inserts()); got != "[p1]" {
			t.Errorf("server saw %s, want [p1]", got)
		}
	})
}
