package natsim_test

import (
	"errors"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/keepalivelint/keepalivelint/internal/natsim"
)

// The server-side mirror of the incident (issue 19): a load balancer in
// front of a Go server pools its connections to the server. When the
// server closes an idle one first, a request the balancer sends while the
// server's FIN is still in flight meets a closed socket, and the balancer
// answers 502. The times are an AWS ALB's 60 s idle timeout scaled down by
// 100.

// lbIdle is the balancer's idle timeout for its pooled connections to the
// backend (an ALB's 60 s).
const lbIdle = 600 * time.Millisecond

// lbLatency is the one-way latency of the link between the balancer and the
// backend. A request the balancer sends within lbLatency of the backend's
// idle close, either way, fails: sent up to lbLatency before the close, it
// arrives after it; sent up to lbLatency after, the backend's FIN has not
// reached the balancer yet. The tests send when the backend has closed the
// connection (its ConnState hook says so), so lbLatency is their tolerance
// for the delay from that event to the balancer's send: a few milliseconds
// between an ALB and its targets, 100ms here for two cores shared with a
// load average of 20. (Aimed at a time computed from the timeout instead,
// sends landed outside the window at such loads: the backend's idle timer
// fired late, and the POST arrived before the close.)
const lbLatency = 100 * time.Millisecond

// lbAttempts is how many times each failing case is tried.
const lbAttempts = 10

// lbGuard bounds the waits for events (a connection going idle, the link
// tearing a connection down) that come within milliseconds: it only turns
// a hang into a failure, so it is generous for a loaded machine.
const lbGuard = 30 * time.Second

// lbBackend is a Go HTTP server with only ReadTimeout set: its idle timeout
// is ReadTimeout (net/http Server.idleTimeout).
type lbBackend struct {
	srv      *http.Server
	idleAt   chan time.Time  // when a connection went idle (ConnState StateIdle)
	closedAt chan connClosed // when the server closed a connection (StateClosed)

	mu       sync.Mutex
	seen     []string // request bodies
	lastConn string   // the remote address of the last request's connection
}

// connClosed is a connection the backend closed: its remote address (the
// link's end) and when.
type connClosed struct {
	addr string
	at   time.Time
}

func (b *lbBackend) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	b.mu.Lock()
	b.seen = append(b.seen, string(body))
	b.lastConn = r.RemoteAddr
	b.mu.Unlock()
	io.WriteString(w, "ok")
}

func (b *lbBackend) requests() []string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return append([]string(nil), b.seen...)
}

// startLBBackend starts the backend with ReadTimeout readTimeout and no
// IdleTimeout, and stops it when the test ends.
func startLBBackend(t *testing.T, readTimeout time.Duration) (*lbBackend, string) {
	t.Helper()
	b := &lbBackend{idleAt: make(chan time.Time, 64), closedAt: make(chan connClosed, 64)}
	b.srv = &http.Server{
		Handler:     b,
		ReadTimeout: readTimeout, // and no IdleTimeout: the trap
		ConnState: func(c net.Conn, s http.ConnState) {
			switch s {
			case http.StateIdle:
				// The server arms its idle deadline (time.Now()
				// plus the idle timeout) right after this hook
				// returns.
				select {
				case b.idleAt <- time.Now():
				default:
				}
			case http.StateClosed:
				// The server has closed the socket: its FIN is
				// on the link.
				select {
				case b.closedAt <- connClosed{c.RemoteAddr().String(), time.Now()}:
				default:
				}
			}
		},
		ErrorLog: log.New(io.Discard, "", 0),
	}
	if b.srv.IdleTimeout != 0 {
		t.Fatal("backend must leave IdleTimeout unset")
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	served := make(chan struct{})
	go func() { b.srv.Serve(ln); close(served) }()
	t.Cleanup(func() { b.srv.Close(); <-served })
	return b, ln.Addr().String()
}

// drainIdle forgets the idle and close moments seen so far.
func (b *lbBackend) drainIdle() {
	for {
		select {
		case <-b.idleAt:
		case <-b.closedAt:
		default:
			return
		}
	}
}

// waitClosed returns when the backend has closed the connection of the
// last request it handled, idle (its idle timeout, ReadTimeout here,
// expired): from then on, for a latency, the balancer still holds a
// connection it takes for open. Sending on this event instead of at a time
// computed from the timeout keeps the request in that window however late
// the backend's timer fires on a loaded machine.
func (b *lbBackend) waitClosed(t *testing.T) time.Time {
	t.Helper()
	b.mu.Lock()
	addr := b.lastConn
	b.mu.Unlock()
	timeout := time.After(lbGuard)
	for {
		select {
		case c := <-b.closedAt:
			if c.addr == addr {
				return c.at
			}
		case <-timeout:
			t.Fatalf("backend did not close the idle connection within %v", lbGuard)
		}
	}
}

// waitIdle returns when the backend's connection went idle after the last
// request. The event comes right after the backend answers; the deadline
// only keeps a broken test from hanging.
func (b *lbBackend) waitIdle(t *testing.T) time.Time {
	t.Helper()
	select {
	case at := <-b.idleAt:
		return at
	case <-time.After(lbGuard):
		t.Fatalf("backend connection did not go idle within %v", lbGuard)
	}
	return time.Time{}
}

// balancer is natsim's Balancer (an ALB), stopped when the test ends.
type balancer struct {
	*natsim.Balancer
}

func startBalancer(t *testing.T, backendAddr string, idle time.Duration) *balancer {
	t.Helper()
	lb := natsim.StartBalancer(backendAddr, idle)
	t.Cleanup(lb.Close)
	return &balancer{lb}
}

// lastTrip returns the balancer's last upstream request: its connections
// and its error.
func (lb *balancer) lastTrip(t *testing.T) ([]bool, time.Time, error) {
	t.Helper()
	trip, ok := lb.LastTrip()
	if !ok {
		t.Fatal("the balancer forwarded nothing")
	}
	return trip.Reused, trip.GotAt, trip.Err
}

// lbStack is a client, the balancer, the link with latency and the backend.
type lbStack struct {
	client  *http.Client
	lb      *balancer
	link    *natsim.Link
	backend *lbBackend
	resets  int // warm-ups sent again (warmUp)
}

func startLBStack(t *testing.T, backendIdle time.Duration) *lbStack {
	t.Helper()
	backend, addr := startLBBackend(t, backendIdle)
	link, err := natsim.NewLink(addr, lbLatency)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { link.Close() })
	lb := startBalancer(t, link.Addr(), lbIdle)
	tr := &http.Transport{}
	t.Cleanup(tr.CloseIdleConnections)
	return &lbStack{client: &http.Client{Transport: tr, Timeout: 10 * time.Second}, lb: lb, link: link, backend: backend}
}

// lbResult is what the client got for one POST through the balancer, and
// what the balancer did upstream.
type lbResult struct {
	status int
	body   string
	reused []bool    // the balancer's upstream connections (GotConn Reused)
	gotAt  time.Time // when the balancer got its upstream connection
	err    error     // the balancer's upstream error (ErrorHandler)
}

// post sends a POST with body through the balancer.
func (s *lbStack) post(t *testing.T, body string) lbResult {
	t.Helper()
	return s.do(t, http.MethodPost, body)
}

// do sends a request through the balancer; a GET carries no body.
func (s *lbStack) do(t *testing.T, method, body string) lbResult {
	t.Helper()
	var rd io.Reader
	if method != http.MethodGet {
		rd = strings.NewReader(body)
	}
	req, err := http.NewRequest(method, s.lb.URL+"/pay", rd)
	if err != nil {
		t.Fatal(err)
	}
	resp, err := s.client.Do(req)
	if err != nil {
		t.Fatalf("%s %s to the balancer: %v", method, body, err)
	}
	b, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	if err != nil {
		t.Fatalf("%s %s: reading the balancer's response: %v", method, body, err)
	}
	reused, gotAt, uerr := s.lb.lastTrip(t)
	return lbResult{status: resp.StatusCode, body: string(b), reused: reused, gotAt: gotAt, err: uerr}
}

func (s *lbStack) mustOK(t *testing.T, what string, r lbResult) {
	t.Helper()
	if r.status != http.StatusOK || r.body != "ok" || r.err != nil {
		t.Fatalf("%s: status %d, body %q, upstream error %v; want 200 ok", what, r.status, r.body, r.err)
	}
}

// TestBalancerBackendIdleAtOrBelow: the backend's idle timeout (its
// ReadTimeout, IdleTimeout unset) is at or below the balancer's. A POST
// sent through the balancer just as the backend's idle timeout expires is
// answered 502 every time: the balancer's Transport reads EOF (the
// backend's FIN) on the reused connection, the POST met the backend's
// closed socket and was reset, and the handler never saw it.
//
// An attempt in which the load delayed the backend's close or the send so
// much that the balancer no longer held the connection (missedWindow) did
// not show the moment; it is logged and tried again, up to lbAttempts times.
func TestBalancerBackendIdleAtOrBelow(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name        string
		backendIdle time.Duration
	}{
		{"ReadTimeout 500ms below balancer 600ms", 500 * time.Millisecond},
		{"ReadTimeout 600ms equal to balancer 600ms", lbIdle},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			s := startLBStack(t, tc.backendIdle)
			var want []string
			var attempts []int // the link's flow of each attempt that showed the moment
			missed := 0
			for i := 0; len(attempts) < lbAttempts; i++ {
				if missed > lbAttempts {
					t.Fatalf("%d attempts missed the moment, %d showed it: the machine is too loaded for this test", missed, len(attempts))
				}
				s.backend.drainIdle()
				warm := s.warmUp(t, fmt.Sprintf("warm-%d", i))
				if !equalBools(warm.reused, []bool{false}) {
					t.Fatalf("attempt %d: warm-up POST upstream Reused flags %v, want one new connection", i, warm.reused)
				}
				want = append(want, fmt.Sprintf("warm-%d", i))
				flow := len(s.link.Flows()) // the warm-up's connection, the newest

				// Send the POST just as the backend's idle
				// timeout expires: when it closes the connection.
				idleAt := s.backend.waitIdle(t)
				closedAt := s.backend.waitClosed(t)
				pooledAt := s.lb.IdleSince()
				res := s.post(t, fmt.Sprintf("pay-%d", i))
				if why := missedWindow(res, pooledAt, closedAt); why != "" {
					t.Logf("attempt %d: the POST went out on a new connection and got %d: %s; tried again", i, res.status, why)
					missed++
					if res.status == http.StatusOK {
						want = append(want, fmt.Sprintf("pay-%d", i))
					}
					s.startOver(t)
					continue
				}
				attempts = append(attempts, flow)

				if res.status != http.StatusBadGateway || res.body != "" {
					t.Errorf("attempt %d: POST at the backend's idle timeout: status %d, body %q; want 502 Bad Gateway, empty (the balancer got its connection %v after the backend went idle)",
						i, res.status, res.body, res.gotAt.Sub(idleAt))
				}
				if res.err != io.EOF {
					t.Errorf("attempt %d: balancer's upstream error %v (%T), want io.EOF", i, res.err, res.err)
				}
				if !equalBools(res.reused, []bool{true}) {
					t.Errorf("attempt %d: upstream Reused flags %v, want exactly one reused connection (no retry)", i, res.reused)
				}
				if i == 0 {
					t.Logf("POST at the backend's idle timeout: client got %d %s; balancer's upstream error: %v",
						res.status, http.StatusText(res.status), res.err)
				}
			}
			if got := s.backend.requests(); !equal(got, want) {
				t.Errorf("backend handled %q, want only the warm-ups %q (and the POSTs of missed attempts)", got, want)
			}
			checkFlowsReset(t, s.link, attempts, lbAttempts+2*missed+s.resets)
		})
	}
}

// missedWindow says why a request sent when the backend closed its idle
// connection went out on a new connection, if the cause is the machine's
// load and not the code under test; else "". The balancer no longer held
// the connection when its own idle timeout had expired (pooledAt is when it
// pooled it), which happens when the backend's timer fired late, or when
// the backend's FIN had reached it, a latency after the close.
func missedWindow(res lbResult, pooledAt, closedAt time.Time) string {
	if resetFresh(res) {
		return "the backend reset the new connection: its ReadTimeout expired before the request crossed the link"
	}
	if !equalBools(res.reused, []bool{false}) {
		return ""
	}
	if d := res.gotAt.Sub(pooledAt); d >= lbIdle {
		return fmt.Sprintf("the balancer's idle timeout (%v) had expired: it asked for a connection %v after it pooled the last one", lbIdle, d)
	}
	if d := res.gotAt.Sub(closedAt); d >= lbLatency {
		return fmt.Sprintf("the backend's FIN could have reached the balancer (latency %v): it asked for a connection %v after the close", lbLatency, d)
	}
	return ""
}

// resetFresh reports whether the balancer's last connection for res was a
// new one and the backend reset it. The backend's ReadTimeout runs from
// the moment it accepts the connection, which the link dials at once; on a
// machine loaded far beyond its cores the request can take longer than
// that to cross the link.
func resetFresh(res lbResult) bool {
	n := len(res.reused)
	return n > 0 && !res.reused[n-1] && res.status == http.StatusBadGateway && errors.Is(res.err, syscall.ECONNRESET)
}

// warmUp sends a POST that opens a connection to the backend and must
// succeed; one whose new connection the load got reset (resetFresh) never
// reached the handler, and is sent again.
func (s *lbStack) warmUp(t *testing.T, body string) lbResult {
	t.Helper()
	for range lbAttempts {
		res := s.post(t, body)
		if !resetFresh(res) {
			s.mustOK(t, "warm-up POST", res)
			return res
		}
		s.resets++
		t.Logf("warm-up POST %s: the backend reset the new connection (load: its ReadTimeout expired before the request crossed the link); sent again", body)
	}
	t.Fatalf("warm-up POST %s: the backend reset %d new connections: the machine is too loaded for this test", body, lbAttempts)
	return lbResult{}
}

// startOver closes the balancer's idle connections and waits until the
// link has torn all connections down, so that the next attempt starts on a
// new connection.
func (s *lbStack) startOver(t *testing.T) {
	t.Helper()
	s.lb.CloseIdleConnections()
	waitFlowsEnded(t, s.link, len(s.link.Flows()))
}

// checkFlowsReset checks that the link carried n connections, all torn
// down, and that each flow of attempts (their IDs) was closed by the
// backend first and that the POST sent on it met the closed socket (RST),
// and logs when the balancer sent the POST relative to the backend's FIN.
func checkFlowsReset(t *testing.T, link *natsim.Link, attempts []int, n int) {
	t.Helper()
	flows := waitFlowsEnded(t, link, n)
	if len(flows) != n {
		t.Fatalf("link carried %d connections, want %d (one per attempt, two per missed one, one per warm-up sent again): %+v", len(flows), n, flows)
	}
	lo, hi := time.Duration(1<<62), -time.Duration(1<<62)
	for _, id := range attempts {
		f := flows[id-1]
		if f.FirstFIN != natsim.SideServer || f.LateBytes == 0 || !f.ServerReset {
			t.Errorf("flow %d: first FIN from %v, %d bytes delivered after the backend's FIN, backend reset %v; want the backend's FIN first, then the POST, answered with an RST",
				f.ID, f.FirstFIN, f.LateBytes, f.ServerReset)
			continue
		}
		d := f.ClientPayloadAt.Sub(f.ServerFINAt)
		lo, hi = min(lo, d), max(hi, d)
	}
	if hi >= lo {
		t.Logf("%d of %d POSTs reset; the balancer sent them from %v to %v after the backend's FIN left (window: within ±%v)",
			len(attempts), len(attempts), lo.Round(100*time.Microsecond), hi.Round(100*time.Microsecond), lbLatency)
	}
}

// waitFlowsEnded waits until the link has torn down its first n
// connections (the last POST reaches the backend a latency after the
// balancer has given up) and returns all flows.
func waitFlowsEnded(t *testing.T, link *natsim.Link, n int) []natsim.LinkFlow {
	t.Helper()
	deadline := time.Now().Add(lbGuard)
	for {
		flows := link.Flows()
		ended := 0
		for _, f := range flows[:min(n, len(flows))] {
			if f.Ended {
				ended++
			}
		}
		if ended == n {
			return flows
		}
		if time.Now().After(deadline) {
			t.Fatalf("link connections not torn down within %v: %+v", lbGuard, flows)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// TestBalancerBackendIdleAbove: the backend's idle timeout (ReadTimeout
// 1500ms) is above the balancer's (600ms) by more than a round trip on the
// link (2 x 100ms). The balancer always closes an idle connection first,
// so 30 POSTs at idle gaps from 0 to 1653ms after the backend went idle all
// succeed, on the reused connection or on a new one; the gaps include the
// whole window around the backend's idle timeout in which a POST would
// meet its FIN.
//
// The margin over the round trip (700ms) is what the test leaves to the
// scheduler: the balancer's idle clock starts when its Transport has read
// the response, a latency plus any scheduling delay after the backend's, and
// the POST reaches the backend a latency plus any delay after it is sent.
// With 900ms (a margin of 100ms) a POST sent 770ms after the backend went
// idle was answered 502 in 2 of 20 runs on two cores at a load average of
// 15: the delays had eaten the margin.
func TestBalancerBackendIdleAbove(t *testing.T) {
	t.Parallel()
	const backendIdle = 1500 * time.Millisecond
	const requests, stacks = 30, 3
	const step = 57 * time.Millisecond // gaps 0, 57ms, ..., 1653ms
	for st := range stacks {
		t.Run(fmt.Sprintf("stack %d", st), func(t *testing.T) {
			t.Parallel()
			s := startLBStack(t, backendIdle)
			s.warmUp(t, "warm")
			var reused, fresh, failed int
			for k := st; k < requests; k += stacks {
				gap := time.Duration(k) * step
				idleAt := s.backend.waitIdle(t)
				time.Sleep(time.Until(idleAt.Add(gap)))
				lag := s.lb.IdleSince().Sub(idleAt)
				res := s.post(t, fmt.Sprintf("pay-%d", k))
				if res.status != http.StatusOK || res.body != "ok" || res.err != nil {
					failed++
					t.Errorf("POST %v after the backend went idle: status %d, body %q, upstream error %v; want 200 ok (the balancer's connection went idle %v after the backend's)",
						gap, res.status, res.body, res.err, lag)
					// The backend never saw this POST: the next
					// gap is timed from a warm-up's idle moment.
					s.mustOK(t, "warm-up POST after the failure", s.post(t, fmt.Sprintf("rewarm-%d", k)))
					continue
				}
				switch {
				case equalBools(res.reused, []bool{true}):
					reused++
				case equalBools(res.reused, []bool{false}):
					fresh++
				default:
					t.Errorf("POST %v after idle: upstream Reused flags %v, want one connection", gap, res.reused)
				}
			}
			t.Logf("%d POSTs, %d failed: %d on a reused connection, %d on a new one (the balancer had closed the idle one)",
				reused+fresh+failed, failed, reused, fresh)
			if reused == 0 || fresh == 0 {
				t.Errorf("want POSTs on reused and on new connections, got %d and %d", reused, fresh)
			}
			for _, f := range s.link.Flows() {
				if f.FirstFIN == natsim.SideServer || f.ServerReset || f.LateBytes != 0 {
					t.Errorf("flow %d: first FIN from %v, backend reset %v, %d bytes after the backend's FIN; want the balancer to close first",
						f.ID, f.FirstFIN, f.ServerReset, f.LateBytes)
				}
			}
		})
	}
}

// TestBalancerReplaysGET: where the balancer is not an ALB. The same
// moment as in TestBalancerBackendIdleAtOrBelow (ReadTimeout 500ms), but a
// GET: it meets the backend's closed socket too, but the balancer's
// Transport replays a GET on a new connection (Request.isReplayable), so
// the client gets 200. An AWS ALB does not retry; the proofs use POST, which
// neither replays.
func TestBalancerReplaysGET(t *testing.T) {
	t.Parallel()
	const backendIdle = 500 * time.Millisecond
	s := startLBStack(t, backendIdle)
	for i := 0; ; i++ {
		if i > lbAttempts {
			t.Fatalf("%d attempts missed the moment: the machine is too loaded for this test", i)
		}
		before := len(s.backend.requests())
		s.warmUp(t, "warm")
		first := len(s.link.Flows()) // the warm-up's connection, the newest
		s.backend.waitIdle(t)
		closedAt := s.backend.waitClosed(t)
		pooledAt := s.lb.IdleSince()
		res := s.do(t, http.MethodGet, "")
		if why := missedWindow(res, pooledAt, closedAt); why != "" {
			t.Logf("attempt %d: the GET went out on a new connection and got %d: %s; tried again", i, res.status, why)
			s.startOver(t)
			continue
		}
		s.mustOK(t, "GET at the backend's idle timeout", res)
		if !equalBools(res.reused, []bool{true, false}) {
			t.Errorf("upstream Reused flags %v, want the reused connection, then a new one (the replay)", res.reused)
		}
		if got, want := s.backend.requests()[before:], []string{"warm", ""}; !equal(got, want) {
			t.Errorf("backend handled %q, want %q (the GET once)", got, want)
		}
		flows := waitFlowsEnded(t, s.link, first)
		if f := flows[first-1]; f.FirstFIN != natsim.SideServer || !f.ServerReset {
			t.Errorf("the warm-up's flow: first FIN from %v, backend reset %v; want the backend's FIN, then an RST for the GET", f.FirstFIN, f.ServerReset)
		}
		return
	}
}
