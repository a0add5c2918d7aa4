package proofs_test

// go-redis v9.23.0 over the loopback NAT relay, against miniredis v2.40.0
// (an in-process Redis server speaking RESP2 and RESP3).
//
// Defaults, from the v9.23.0 source:
//   - ConnMaxIdleTime 30 min (options.go:758-760); it is checked when the
//     pool hands out a connection (internal/pool/pool.go:2098-2103,
//     isHealthyConn), so a connection idle for longer is closed and
//     replaced before the command, with no background period to add.
//   - MaxRetries 3 (options.go:764-769; -1 means none). A command is
//     retried on a new connection when it fails with io.EOF or any net.Error
//     that is not a read timeout (error.go:84-119, shouldRetry:
//     isTimeoutError reports a *net.OpError as a timeout error whose
//     Timeout() is false, and such errors are retried) whether or not the
//     command was written, so a non-idempotent command (INCR) is retried too.
//   - Before use, the pool peeks at the socket (internal/pool/conn_check.go,
//     connCheck, MSG_PEEK): it detects a FIN, an RST or stray data, not a
//     flow a middlebox forgot silently.
//   - The default dialer turns TCP keepalive on with a 30 s idle time
//     (options.go:846-851, defaultKeepAliveConfig), below the 350 s of an
//     AWS NAT Gateway, whose timer keepalive probes reset. The relay cannot
//     see probes (they carry no payload), so these tests show the pool
//     behind a middlebox whose timer only data resets.

import (
	"context"
	"errors"
	"io"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/alicebob/miniredis/v2"
	"github.com/redis/go-redis/v9"

	"github.com/keepalivelint/keepalivelint/internal/natsim"
)

const (
	redisRelayTimeout = 500 * time.Millisecond
	redisIdleTime     = redisRelayTimeout / 5 // the fix: below the NAT's timeout
)

// newRedis starts a miniredis, a relay to it, and a client through the relay
// with opt's settings, and closes them when the test ends.
func newRedis(t *testing.T, opt redis.Options) (*miniredis.Miniredis, *natsim.Relay, *redis.Client) {
	t.Helper()
	m := miniredis.RunT(t)
	relay := startRelay(t, m.Addr(), redisRelayTimeout)
	opt.Addr = relay.Addr()
	c := redis.NewClient(&opt)
	t.Cleanup(func() { c.Close() })
	return m, relay, c
}

func redisSet(c *redis.Client, k, v string) error {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	return c.Set(ctx, k, v, 0).Err()
}

func TestGoRedis(t *testing.T) {
	t.Parallel()
	// Defaults: the SET is written on the forgotten flow and gets the RST;
	// go-redis retries it on a new connection, and it succeeds.
	t.Run("defaults/heals", func(t *testing.T) {
		t.Parallel()
		m, relay, c := newRedis(t, redis.Options{})
		if err := redisSet(c, "k1", "v1"); err != nil {
			t.Fatalf("first SET: %v", err)
		}
		idleUntilForgotten(t, relay, 1)
		if err := redisSet(c, "k2", "v2"); err != nil {
			t.Fatalf("SET after idle: %v", err)
		}
		if s := relay.Stats(); s.ResetsSent != 1 || s.FlowsOpened != 2 {
			t.Errorf("want the SET reset on flow 1 and retried on flow 2: %+v", s)
		}
		if v, err := m.Get("k2"); v != "v2" {
			t.Errorf("server has k2 = %q (%v), want v2", v, err)
		}
	})

	// The retry applies to non-idempotent commands too; here it is safe
	// because the first attempt never reached the server (the NAT dropped
	// it), so INCR is applied once.
	t.Run("defaults/INCR applied once", func(t *testing.T) {
		t.Parallel()
		m, relay, c := newRedis(t, redis.Options{})
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		if err := c.Incr(ctx, "n").Err(); err != nil {
			t.Fatalf("first INCR: %v", err)
		}
		idleUntilForgotten(t, relay, 1)
		n, err := c.Incr(ctx, "n").Result()
		if err != nil || n != 2 {
			t.Fatalf("INCR after idle: %d, %v; want 2", n, err)
		}
		if s := relay.Stats(); s.ResetsSent != 1 || s.FlowsOpened != 2 {
			t.Errorf("want the INCR reset on flow 1 and retried on flow 2: %+v", s)
		}
		if v, _ := m.Get("n"); v != "2" {
			t.Errorf("server has n = %q, want 2", v)
		}
	})

	// Without retries the SET fails. With RESP3 (go-redis v9's default
	// protocol) the error is a bare io.EOF: before reading the reply,
	// go-redis peeks for pending push notifications and treats the peek's
	// error (here the reset) as "no notification" (push/processor.go:112-117),
	// so the reply read that follows finds the socket at EOF.
	t.Run("MaxRetries-1/fails", func(t *testing.T) {
		t.Parallel()
		m, relay, c := newRedis(t, redis.Options{MaxRetries: -1})
		if err := redisSet(c, "k1", "v1"); err != nil {
			t.Fatalf("first SET: %v", err)
		}
		idleUntilForgotten(t, relay, 1)
		err := redisSet(c, "k2", "v2")
		t.Logf("SET after idle: %v", err)
		if err != io.EOF {
			t.Errorf("SET after idle: %#v, want io.EOF", err)
		}
		if m.Exists("k2") {
			t.Errorf("server has k2; the SET must not have reached it")
		}
		if s := relay.Stats(); s.ResetsSent != 1 || s.FlowsOpened != 1 {
			t.Errorf("want one flow, reset: %+v", s)
		}
	})

	// The same with RESP2: the error is the reset itself.
	t.Run("MaxRetries-1+Protocol2/fails", func(t *testing.T) {
		t.Parallel()
		m, relay, c := newRedis(t, redis.Options{MaxRetries: -1, Protocol: 2})
		if err := redisSet(c, "k1", "v1"); err != nil {
			t.Fatalf("first SET: %v", err)
		}
		idleUntilForgotten(t, relay, 1)
		err := redisSet(c, "k2", "v2")
		t.Logf("SET after idle: %v", err)
		if !errors.Is(err, syscall.ECONNRESET) || !strings.HasSuffix(err.Error(), ": read: connection reset by peer") {
			t.Errorf("SET after idle: %#v, want read: connection reset by peer", err)
		}
		if m.Exists("k2") {
			t.Errorf("server has k2; the SET must not have reached it")
		}
	})

	// ConnMaxIdleTime below the NAT's timeout, without retries so that they
	// do not mask the knob: the pool closes the idle connection when the SET
	// asks for one, and the SET goes out on a new connection.
	t.Run("ConnMaxIdleTime/heals", func(t *testing.T) {
		t.Parallel()
		m, relay, c := newRedis(t, redis.Options{MaxRetries: -1, ConnMaxIdleTime: redisIdleTime})
		if err := redisSet(c, "k1", "v1"); err != nil {
			t.Fatalf("first SET: %v", err)
		}
		idleUntilForgotten(t, relay, 1)
		if err := redisSet(c, "k2", "v2"); err != nil {
			t.Fatalf("SET after idle: %v", err)
		}
		if s := relay.Stats(); s.ResetsSent != 0 || s.FlowsOpened != 2 {
			t.Errorf("want no reset and the SET on flow 2: %+v", s)
		}
		if v, _ := m.Get("k2"); v != "v2" {
			t.Errorf("server has k2 = %q, want v2", v)
		}
	})
}
