package natsim_test

import (
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"strings"
	"sync"
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
// reached the balancer yet. The tests aim at the middle of that window, so
// lbLatency is also their tolerance for scheduling delays: a few
// milliseconds between an ALB and its targets, but 40ms was not enough on
// two cores shared with a load average of 15 (in 4 of 14 runs a send came
// more than 40ms late, after the FIN).
const lbLatency = 100 * time.Millisecond

// lbAttempts is how many times each failing case is tried.
const lbAttempts = 10

// lbBackend is a Go HTTP server with only ReadTimeout set: its idle timeout
// is ReadTimeout (net/http Server.idleTimeout).
type lbBackend struct {
	srv    *http.Server
	idleAt chan time.Time // when a connection went idle (ConnState StateIdle)

	mu   sync.Mutex
	seen []string // request bodies
}

func (b *lbBackend) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	b.mu.Lock()
	b.seen = append(b.seen, string(body))
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
	b := &lbBackend{idleAt: make(chan time.Time, 64)}
	b.srv = &http.Server{
		Handler:     b,
		ReadTimeout: readTimeout, // and no IdleTimeout: the trap
		ConnState: func(_ net.Conn, s http.ConnState) {
			// The server arms its idle deadline (time.Now() plus
			// the idle timeout) right after this hook returns.
			if s == http.StateIdle {
				select {
				case b.idleAt <- time.Now():
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

// drainIdle forgets the idle moments seen so far.
func (b *lbBackend) drainIdle() {
	for {
		select {
		case <-b.idleAt:
		default:
			return
		}
	}
}

// waitIdle returns when the backend's connection went idle after the last
// request.
func (b *lbBackend) waitIdle(t *testing.T) time.Time {
	t.Helper()
	select {
	case at := <-b.idleAt:
		return at
	case <-time.After(5 * time.Second):
		t.Fatal("backend connection did not go idle within 5s")
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
			for i := range lbAttempts {
				s.backend.drainIdle()
				warm := s.post(t, fmt.Sprintf("warm-%d", i))
				s.mustOK(t, "warm-up POST", warm)
				if !equalBools(warm.reused, []bool{false}) {
					t.Fatalf("attempt %d: warm-up POST upstream Reused flags %v, want one new connection", i, warm.reused)
				}
				want = append(want, fmt.Sprintf("warm-%d", i))

				// Send the POST just as the backend's idle
				// timeout expires.
				idleAt := s.backend.waitIdle(t)
				time.Sleep(time.Until(idleAt.Add(tc.backendIdle)))
				res := s.post(t, fmt.Sprintf("pay-%d", i))

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
				t.Errorf("backend handled %q, want only the warm-ups %q", got, want)
			}
			checkFlowsReset(t, s.link, lbAttempts)
		})
	}
}

// checkFlowsReset checks that each of the link's n flows was closed by the
// backend first and that the POST sent on it met the closed socket (RST),
// and logs when the balancer sent the POST relative to the backend's FIN.
func checkFlowsReset(t *testing.T, link *natsim.Link, n int) {
	t.Helper()
	flows := waitFlowsEnded(t, link, n)
	if len(flows) != n {
		t.Fatalf("link carried %d connections, want %d (one per attempt): %+v", len(flows), n, flows)
	}
	lo, hi := time.Duration(1<<62), -time.Duration(1<<62)
	for _, f := range flows {
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
			n, n, lo.Round(100*time.Microsecond), hi.Round(100*time.Microsecond), lbLatency)
	}
}

// waitFlowsEnded waits until the link has torn down its first n
// connections (the last POST reaches the backend a latency after the
// balancer has given up) and returns all flows.
func waitFlowsEnded(t *testing.T, link *natsim.Link, n int) []natsim.LinkFlow {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
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
			t.Fatalf("link connections not torn down within 5s: %+v", flows)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// TestBalancerBackendIdleAbove: the backend's idle timeout (ReadTimeout
// 900ms) is above the balancer's (600ms) by more than a round trip on the
// link (2 x 100ms). The balancer always closes an idle connection first,
// so 30 POSTs at idle gaps from 0 to 1015ms after the backend went idle all
// succeed, on the reused connection or on a new one; the gaps include the
// whole window around the backend's idle timeout in which a POST would
// meet its FIN.
func TestBalancerBackendIdleAbove(t *testing.T) {
	t.Parallel()
	const backendIdle = 900 * time.Millisecond
	const requests, stacks = 30, 3
	const step = 35 * time.Millisecond // gaps 0, 35ms, ..., 1015ms
	for st := range stacks {
		t.Run(fmt.Sprintf("stack %d", st), func(t *testing.T) {
			t.Parallel()
			s := startLBStack(t, backendIdle)
			s.mustOK(t, "warm-up POST", s.post(t, "warm"))
			var reused, fresh, failed int
			for k := st; k < requests; k += stacks {
				gap := time.Duration(k) * step
				idleAt := s.backend.waitIdle(t)
				time.Sleep(time.Until(idleAt.Add(gap)))
				res := s.post(t, fmt.Sprintf("pay-%d", k))
				if res.status != http.StatusOK || res.body != "ok" || res.err != nil {
					failed++
					t.Errorf("POST %v after the backend went idle: status %d, body %q, upstream error %v; want 200 ok",
						gap, res.status, res.body, res.err)
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
	s.mustOK(t, "warm-up POST", s.post(t, "warm"))
	idleAt := s.backend.waitIdle(t)
	time.Sleep(time.Until(idleAt.Add(backendIdle)))
	res := s.do(t, http.MethodGet, "")
	s.mustOK(t, "GET at the backend's idle timeout", res)
	if !equalBools(res.reused, []bool{true, false}) {
		t.Errorf("upstream Reused flags %v, want the reused connection, then a new one (the replay)", res.reused)
	}
	if got, want := s.backend.requests(), []string{"warm", ""}; !equal(got, want) {
		t.Errorf("backend handled %q, want %q (the GET once)", got, want)
	}
	flows := waitFlowsEnded(t, s.link, 1)
	if f := flows[0]; f.FirstFIN != natsim.SideServer || !f.ServerReset {
		t.Errorf("first flow: first FIN from %v, backend reset %v; want the backend's FIN, then an RST for the GET", f.FirstFIN, f.ServerReset)
	}
}
