package proofs_test

import (
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/valyala/fasthttp"

	"github.com/keepalivelint/keepalivelint/internal/natsim"
)

// The server rule (server-idle-timeout-too-short) for fasthttp, and so for
// Fiber, which serves with a fasthttp.Server built from its Config: a
// fasthttp backend behind the reverse-proxy balancer of internal/natsim
// (an AWS ALB, 60 s scaled down by 100) on a link with latency. fasthttp's
// Server.idleTimeout() is IdleTimeout, or ReadTimeout when IdleTimeout is
// 0 (server.go, v1.80.0), so a server that sets only ReadTimeout closes
// idle keep-alive connections after it.
//
// The failing POST is timed by an event, not by the clock: the test waits
// until the link has read the backend's FIN (the backend's idle timer has
// fired and it closed the connection), then sends the POST. The FIN takes
// fastLatency to reach the balancer, which still holds the connection as
// idle and writes the POST on it; the POST meets the backend's closed
// socket. The only timing the test needs is that the POST leaves the
// balancer less than fastLatency after the event.
const (
	fastLBIdle   = 600 * time.Millisecond // the balancer's (an ALB's 60 s)
	fastLatency  = 150 * time.Millisecond // one way, balancer to backend
	fastRead     = 300 * time.Millisecond // the backend's ReadTimeout (30 s)
	fastIdleFix  = 1200 * time.Millisecond
	fastAttempts = 5
)

// fastBackend is a fasthttp server that records the bodies it handled.
type fastBackend struct {
	mu   sync.Mutex
	seen []string
}

func (b *fastBackend) handle(ctx *fasthttp.RequestCtx) {
	b.mu.Lock()
	b.seen = append(b.seen, string(ctx.PostBody()))
	b.mu.Unlock()
	ctx.WriteString("ok")
}

func (b *fastBackend) requests() []string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return append([]string(nil), b.seen...)
}

type discardLogger struct{}

func (discardLogger) Printf(string, ...any) {}

// startFastStack starts srv's fasthttp backend on loopback, the link with
// latency in front of it and the balancer in front of the link; all are
// stopped when the test ends.
func startFastStack(t *testing.T, srv *fasthttp.Server) (*fastBackend, *natsim.Link, *natsim.Balancer) {
	t.Helper()
	b := &fastBackend{}
	srv.Handler, srv.Logger = b.handle, discardLogger{}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	served := make(chan struct{})
	go func() { srv.Serve(ln); close(served) }()
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		srv.ShutdownWithContext(ctx)
		<-served
	})
	link, err := natsim.NewLink(ln.Addr().String(), fastLatency)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { link.Close() })
	lb := natsim.StartBalancer(link.Addr(), fastLBIdle)
	t.Cleanup(lb.Close)
	return b, link, lb
}

// fastPost sends a POST with body through the balancer and returns the
// status, the body and what the balancer did upstream.
func fastPost(t *testing.T, client *http.Client, lb *natsim.Balancer, body string) (int, string, natsim.UpstreamTrip) {
	t.Helper()
	resp, err := client.Post(lb.URL+"/pay", "text/plain", strings.NewReader(body))
	if err != nil {
		t.Fatalf("POST %s to the balancer: %v", body, err)
	}
	b, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	if err != nil {
		t.Fatalf("POST %s: reading the balancer's response: %v", body, err)
	}
	trip, ok := lb.LastTrip()
	if !ok {
		t.Fatal("the balancer forwarded nothing")
	}
	return resp.StatusCode, string(b), trip
}

// warmUp sends attempt i's warm-up POST, which must get 200 on a new
// connection, and returns its body.
func warmUp(t *testing.T, client *http.Client, lb *natsim.Balancer, i int) string {
	t.Helper()
	warm := fmt.Sprintf("warm-%d", i)
	if status, body, trip := fastPost(t, client, lb, warm); status != http.StatusOK || body != "ok" || !slices.Equal(trip.Reused, []bool{false}) {
		t.Fatalf("attempt %d: warm-up POST: status %d, body %q, upstream Reused %v; want 200 ok on a new connection", i, status, body, trip.Reused)
	}
	return warm
}

// waitFirstFIN waits until the link's flow id (1 for the first
// connection) has seen its first FIN, and returns the side that sent it.
func waitFirstFIN(t *testing.T, link *natsim.Link, id int) natsim.Side {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) {
		if flows := link.Flows(); len(flows) >= id && flows[id-1].FirstFIN != natsim.SideNone {
			return flows[id-1].FirstFIN
		}
		time.Sleep(time.Millisecond)
	}
	t.Fatalf("flow %d: no FIN within 10s: %+v", id, link.Flows())
	return natsim.SideNone
}

// TestFasthttpServerBehindBalancer: a fasthttp backend with only
// ReadTimeout set (300 ms; its idle timeout) behind a balancer whose idle
// timeout is 600 ms. A POST sent as the backend's idle timer fires (right
// after the backend's FIN left it) is answered 502 every time: the
// balancer reads EOF on the reused connection, the POST met the backend's
// closed socket (RST) and the handler never saw it. With IdleTimeout
// (1200 ms) above the balancer's, the balancer closes first: a POST sent
// as that happens, and one sent when the other backend's timer fired, both
// get 200.
func TestFasthttpServerBehindBalancer(t *testing.T) {
	t.Parallel()
	t.Run("ReadTimeout below the balancer's", func(t *testing.T) {
		t.Parallel()
		backend, link, lb := startFastStack(t, &fasthttp.Server{ReadTimeout: fastRead})
		client := &http.Client{Transport: &http.Transport{}, Timeout: 10 * time.Second}
		defer client.CloseIdleConnections()
		var want []string
		for i := range fastAttempts {
			warm := warmUp(t, client, lb, i)
			want = append(want, warm)
			if side := waitFirstFIN(t, link, len(link.Flows())); side != natsim.SideServer {
				t.Fatalf("attempt %d: the %v closed the idle connection first; want the backend (ReadTimeout %v, balancer %v)", i, side, fastRead, fastLBIdle)
			}
			status, body, trip := fastPost(t, client, lb, fmt.Sprintf("pay-%d", i))
			if status != http.StatusBadGateway || body != "" {
				t.Errorf("attempt %d: POST as the backend's idle timer fired: status %d, body %q; want 502 Bad Gateway, empty", i, status, body)
			}
			if trip.Err != io.EOF {
				t.Errorf("attempt %d: balancer's upstream error %v (%T), want io.EOF", i, trip.Err, trip.Err)
			}
			if !slices.Equal(trip.Reused, []bool{true}) {
				t.Errorf("attempt %d: upstream Reused flags %v, want exactly one reused connection (no retry)", i, trip.Reused)
			}
			if i == 0 {
				t.Logf("POST as the backend's idle timer fired: client got %d %s; balancer's upstream error: %v", status, http.StatusText(status), trip.Err)
			}
		}
		if got := backend.requests(); !slices.Equal(got, want) {
			t.Errorf("backend handled %q, want only the warm-ups %q", got, want)
		}
		lo, hi := time.Duration(1<<62), -time.Duration(1<<62)
		for _, f := range waitLinkEnded(t, link, fastAttempts) {
			if f.FirstFIN != natsim.SideServer || f.LateBytes == 0 || !f.ServerReset {
				t.Errorf("flow %d: first FIN from %v, %d bytes after the backend's FIN, backend reset %v; want the backend's FIN, then the POST, answered with an RST",
					f.ID, f.FirstFIN, f.LateBytes, f.ServerReset)
				continue
			}
			d := f.ClientPayloadAt.Sub(f.ServerFINAt)
			lo, hi = min(lo, d), max(hi, d)
		}
		if hi >= lo {
			t.Logf("every POST met the backend's closed socket (RST); the balancer sent them %v to %v after the backend's FIN left (slack: %v)",
				lo.Round(100*time.Microsecond), hi.Round(100*time.Microsecond), fastLatency)
		}
	})
	t.Run("IdleTimeout above the balancer's", func(t *testing.T) {
		t.Parallel()
		backend, link, lb := startFastStack(t, &fasthttp.Server{ReadTimeout: fastRead, IdleTimeout: fastIdleFix})
		client := &http.Client{Transport: &http.Transport{}, Timeout: 10 * time.Second}
		defer client.CloseIdleConnections()
		var want []string
		for i := range fastAttempts {
			warm := warmUp(t, client, lb, i)
			// When the other backend's idle timer fired: this one keeps
			// the connection, and so does the balancer.
			time.Sleep(fastRead)
			atRead := fmt.Sprintf("at-read-timeout-%d", i)
			if status, body, trip := fastPost(t, client, lb, atRead); status != http.StatusOK || body != "ok" || !slices.Equal(trip.Reused, []bool{true}) {
				t.Errorf("attempt %d: POST %v after idle: status %d, body %q, upstream Reused %v, error %v; want 200 ok on the reused connection", i, fastRead, status, body, trip.Reused, trip.Err)
			}
			want = append(want, warm, atRead)
			if side := waitFirstFIN(t, link, len(link.Flows())); side != natsim.SideClient {
				t.Fatalf("attempt %d: the %v closed the idle connection first; want the balancer (IdleTimeout %v, balancer %v)", i, side, fastIdleFix, fastLBIdle)
			}
			pay := fmt.Sprintf("pay-%d", i)
			status, body, trip := fastPost(t, client, lb, pay)
			if status != http.StatusOK || body != "ok" || trip.Err != nil || !slices.Equal(trip.Reused, []bool{false}) {
				t.Errorf("attempt %d: POST as the balancer closed its idle connection: status %d, body %q, upstream error %v, Reused %v; want 200 ok on a new connection",
					i, status, body, trip.Err, trip.Reused)
			}
			want = append(want, pay)
			// Start the next attempt on a fresh connection, as the
			// failing case does.
			waitFirstFIN(t, link, len(link.Flows()))
		}
		if got := backend.requests(); !slices.Equal(got, want) {
			t.Errorf("backend handled %q, want %q", got, want)
		}
		for _, f := range waitLinkEnded(t, link, 2*fastAttempts) {
			if f.FirstFIN != natsim.SideClient || f.ServerReset || f.LateBytes != 0 {
				t.Errorf("flow %d: first FIN from %v, backend reset %v, %d bytes after the backend's FIN; want the balancer to close first", f.ID, f.FirstFIN, f.ServerReset, f.LateBytes)
			}
		}
	})
}

// waitLinkEnded waits until the link has torn down its first n
// connections and returns them.
func waitLinkEnded(t *testing.T, link *natsim.Link, n int) []natsim.LinkFlow {
	t.Helper()
	ok := waitFor(10*time.Second, func() bool {
		flows := link.Flows()
		if len(flows) < n {
			return false
		}
		for _, f := range flows[:n] {
			if !f.Ended {
				return false
			}
		}
		return true
	})
	flows := link.Flows()
	if !ok || len(flows) < n {
		t.Fatalf("link connections not torn down within 10s: %+v", flows)
	}
	return flows[:n]
}
