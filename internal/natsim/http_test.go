package natsim_test

import (
	"bytes"
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"net/http/httptrace"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/keepalivelint/keepalivelint/internal/natsim"
	"github.com/keepalivelint/keepalivelint/internal/natsim/natsimtest"
)

// payServer is an HTTP server that records every request it receives.
type payServer struct {
	srv  *httptest.Server
	mu   sync.Mutex
	seen []string // "METHOD /path body"
}

func (p *payServer) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	p.mu.Lock()
	p.seen = append(p.seen, r.Method+" "+r.URL.Path+" "+string(body))
	p.mu.Unlock()
	io.WriteString(w, "ok")
}

// requests returns what the server has seen so far.
func (p *payServer) requests() []string {
	p.mu.Lock()
	defer p.mu.Unlock()
	return append([]string(nil), p.seen...)
}

// newPayServer starts an HTTP/1.1 server, or an HTTP/2 server over TLS when
// h2 is true, and closes it when the test ends.
func newPayServer(t *testing.T, h2 bool) *payServer {
	t.Helper()
	p := &payServer{}
	p.srv = httptest.NewUnstartedServer(p)
	if h2 {
		p.srv.EnableHTTP2 = true
		p.srv.StartTLS()
	} else {
		p.srv.Start()
	}
	t.Cleanup(p.srv.Close)
	return p
}

// throughRelay makes tr dial the relay whatever address a request names, so
// that requests can use the server's own URL (and TLS can verify its name).
func throughRelay(tr *http.Transport, r *natsim.Relay) {
	tr.DialContext = func(ctx context.Context, network, _ string) (net.Conn, error) {
		var d net.Dialer // a zero Dialer, as net/http uses when DialContext is nil
		return d.DialContext(ctx, network, r.Addr())
	}
}

// newClient wraps tr in a client that goes through r and closes its idle
// connections when the test ends.
func newClient(t *testing.T, tr *http.Transport, r *natsim.Relay) *http.Client {
	t.Helper()
	throughRelay(tr, r)
	t.Cleanup(tr.CloseIdleConnections)
	return &http.Client{Transport: tr, Timeout: 10 * time.Second}
}

// call is one request of a test and what happened to it.
type call struct {
	err    error
	reused []bool // httptrace GotConn Reused, one per connection attempt
	proto  int    // response ProtoMajor
	body   string
}

type reqOpt func(*http.Request)

func withHeader(k, v string) reqOpt { return func(r *http.Request) { r.Header.Set(k, v) } }

// notRewindable hides the body's type from net/http, so that it cannot
// rewind it (GetBody is nil), as with a body that is a plain io.Reader.
func notRewindable(r *http.Request) {
	r.Body = io.NopCloser(struct{ io.Reader }{r.Body})
	r.GetBody = nil
}

func do(t *testing.T, c *http.Client, method, url, body string, opts ...reqOpt) call {
	t.Helper()
	var res call
	var mu sync.Mutex
	trace := &httptrace.ClientTrace{GotConn: func(i httptrace.GotConnInfo) {
		mu.Lock()
		res.reused = append(res.reused, i.Reused)
		mu.Unlock()
	}}
	ctx := httptrace.WithClientTrace(context.Background(), trace)
	var rd io.Reader
	if method != http.MethodGet {
		rd = bytes.NewReader([]byte(body)) // net/http sets GetBody for a *bytes.Reader
	}
	req, err := http.NewRequestWithContext(ctx, method, url, rd)
	if err != nil {
		t.Fatal(err)
	}
	for _, o := range opts {
		o(req)
	}
	resp, err := c.Do(req)
	mu.Lock()
	defer mu.Unlock()
	if err != nil {
		res.err = err
		return res
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	res.err, res.proto, res.body = err, resp.ProtoMajor, string(b)
	return res
}

// idleUntilForgotten leaves the client idle past timeout and until the relay
// has forgotten its only flow. Under heavy load a straggling frame (a TLS
// session ticket, an HTTP/2 WINDOW_UPDATE or SETTINGS ACK) can pass the
// relay late and restart its idle timer; waiting for the relay's verdict
// instead of a fixed time makes the tests independent of that.
func idleUntilForgotten(t *testing.T, relay *natsim.Relay, timeout time.Duration) {
	t.Helper()
	time.Sleep(timeout + 100*time.Millisecond)
	if !relay.WaitFor(10*time.Second, func(s natsim.Stats) bool { return s.FlowsForgotten == 1 }) {
		t.Fatalf("relay did not forget the idle flow: %+v, flows %+v", relay.Stats(), relay.Flows())
	}
	if s := relay.Stats(); s.FlowsOpened != 1 {
		t.Fatalf("relay has %d flows before the request after idle, want 1: %+v", s.FlowsOpened, relay.Flows())
	}
}

func mustSucceed(t *testing.T, what string, c call) {
	t.Helper()
	if c.err != nil {
		t.Fatalf("%s: unexpected error: %v", what, c.err)
	}
	if c.body != "ok" {
		t.Fatalf("%s: body %q, want %q", what, c.body, "ok")
	}
}

// TestIncidentPlainPOST: the default-valued Transport keeps the connection
// forever, the relay forgets the flow, and the next POST is reset; net/http
// does not replay a POST, so the caller gets the error, and the server never
// saw the request. The relay forgets an idle flow whatever TCP keepalive
// does, as a middlebox that needs data does (an ALB, a Classic LB); that Go's
// default dialer keeps an AWS NAT Gateway's mapping with its probes, and the
// incident module's dialer does not, is TestKernelNATKeepalive's.
func TestIncidentPlainPOST(t *testing.T) {
	t.Parallel()
	srv := newPayServer(t, false)
	relay := natsimtest.StartRelay(t, srv.srv.Listener.Addr().String(), relayTimeout)
	c := newClient(t, &http.Transport{}, relay)
	url := srv.srv.URL + "/pay"

	mustSucceed(t, "first POST", do(t, c, "POST", url, "amount=1"))
	idleUntilForgotten(t, relay, relayTimeout)

	second := do(t, c, "POST", url, "amount=2")
	if second.err == nil {
		t.Fatal("POST on the forgotten flow succeeded; want connection reset")
	}
	t.Logf("POST after idle: %v", second.err)
	if !errors.Is(second.err, syscall.ECONNRESET) {
		t.Errorf("error is not ECONNRESET: %v", second.err)
	}
	if !strings.Contains(second.err.Error(), "read: connection reset by peer") {
		t.Errorf("error %q does not say %q", second.err, "read: connection reset by peer")
	}
	if len(second.reused) != 1 || !second.reused[0] {
		t.Errorf("connections used by the failed POST (Reused flags) = %v, want exactly one reused connection (no replay)", second.reused)
	}
	if got := srv.requests(); len(got) != 1 {
		t.Errorf("server saw %q; want only the first POST", got)
	}
	if s := relay.Stats(); s.ResetsSent != 1 || s.FlowsOpened != 1 {
		t.Errorf("relay stats %+v, want 1 flow opened and 1 reset sent", s)
	}

	// The caller's retry works: the broken connection left the pool.
	retry := do(t, c, "POST", url, "amount=2")
	mustSucceed(t, "retried POST", retry)
	if len(retry.reused) != 1 || retry.reused[0] {
		t.Errorf("retry Reused flags = %v, want one new connection", retry.reused)
	}
	if got, want := srv.requests(), []string{"POST /pay amount=1", "POST /pay amount=2"}; !equal(got, want) {
		t.Errorf("server saw %q, want %q", got, want)
	}
	if s := relay.Stats(); s.FlowsOpened != 2 {
		t.Errorf("relay opened %d flows, want 2", s.FlowsOpened)
	}
}

// TestNetHTTPReplaysIdempotent shows the requests that net/http replays by
// itself on a fresh connection when a reused one fails before a response:
// they succeed although the same reset happens underneath.
func TestNetHTTPReplaysIdempotent(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name   string
		method string
		opts   []reqOpt
		want   string // what the server sees for the second request
	}{
		{"GET", "GET", nil, "GET /pay "},
		{"POST with Idempotency-Key", "POST", []reqOpt{withHeader("Idempotency-Key", "k-2")}, "POST /pay amount=2"},
		{"POST with X-Idempotency-Key", "POST", []reqOpt{withHeader("X-Idempotency-Key", "k-2")}, "POST /pay amount=2"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			srv := newPayServer(t, false)
			relay := natsimtest.StartRelay(t, srv.srv.Listener.Addr().String(), relayTimeout)
			c := newClient(t, &http.Transport{}, relay)
			url := srv.srv.URL + "/pay"

			mustSucceed(t, "first request", do(t, c, tc.method, url, "amount=1", tc.opts...))
			idleUntilForgotten(t, relay, relayTimeout)

			second := do(t, c, tc.method, url, "amount=2", tc.opts...)
			mustSucceed(t, "request after idle", second)
			if s := relay.Stats(); s.ResetsSent != 1 || s.FlowsOpened != 2 {
				t.Errorf("relay stats %+v, want 1 reset and 2 flows (the replay used a new connection)", s)
			}
			if want := []bool{true, false}; !equalBools(second.reused, want) {
				t.Errorf("Reused flags = %v, want %v (reset on the pooled connection, replay on a new one)", second.reused, want)
			}
			got := srv.requests()
			if len(got) != 2 || got[1] != tc.want {
				t.Errorf("server saw %q, want exactly one copy of %q after the first request", got, tc.want)
			}
		})
	}

	// The Idempotency-Key alone is not enough: net/http must be able to
	// rewind the body to send it again.
	t.Run("POST with Idempotency-Key, body not rewindable", func(t *testing.T) {
		t.Parallel()
		srv := newPayServer(t, false)
		relay := natsimtest.StartRelay(t, srv.srv.Listener.Addr().String(), relayTimeout)
		c := newClient(t, &http.Transport{}, relay)
		url := srv.srv.URL + "/pay"
		key := withHeader("Idempotency-Key", "k")

		mustSucceed(t, "first POST", do(t, c, "POST", url, "amount=1", key, notRewindable))
		idleUntilForgotten(t, relay, relayTimeout)
		second := do(t, c, "POST", url, "amount=2", key, notRewindable)
		if second.err == nil {
			t.Fatal("POST without GetBody after idle succeeded; want connection reset")
		}
		t.Logf("POST with Idempotency-Key, no GetBody, after idle: %v", second.err)
		// The headers are flushed before a body that is not an in-memory
		// reader, so the body write races the reset: the caller gets
		// either the read error (ECONNRESET) or the write error on the
		// connection the read loop has just closed (net.ErrClosed).
		if !errors.Is(second.err, syscall.ECONNRESET) && !errors.Is(second.err, net.ErrClosed) {
			t.Errorf("error is neither ECONNRESET nor net.ErrClosed: %v", second.err)
		}
		if got := srv.requests(); len(got) != 1 {
			t.Errorf("server saw %q; want only the first POST", got)
		}
		if s := relay.Stats(); s.ResetsSent != 1 || s.FlowsOpened != 1 {
			t.Errorf("relay stats %+v, want 1 reset and no second flow (no replay)", s)
		}
	})
}

// TestFixesSurviveIdle runs the incident's POST sequence with each
// transport that keepalivelint suggests or accepts: none of them reuses a
// connection the relay has forgotten.
func TestFixesSurviveIdle(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name      string
		tr        func() *http.Transport
		wantFlows int
	}{
		{"IdleConnTimeout below the NAT timeout", func() *http.Transport {
			return &http.Transport{IdleConnTimeout: fixIdle}
		}, 2},
		{"DisableKeepAlives", func() *http.Transport {
			return &http.Transport{DisableKeepAlives: true}
		}, 2},
		{"MaxIdleConnsPerHost -1", func() *http.Transport {
			return &http.Transport{MaxIdleConnsPerHost: -1}
		}, 2},
		{"DefaultTransport clone, IdleConnTimeout scaled down", func() *http.Transport {
			tr := http.DefaultTransport.(*http.Transport).Clone()
			// 90 s against 350 s in production; scaled like the relay.
			tr.IdleConnTimeout = fixIdle
			return tr
		}, 2},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			srv := newPayServer(t, false)
			relay := natsimtest.StartRelay(t, srv.srv.Listener.Addr().String(), relayTimeout)
			c := newClient(t, tc.tr(), relay)
			url := srv.srv.URL + "/pay"

			mustSucceed(t, "first POST", do(t, c, "POST", url, "amount=1"))
			time.Sleep(idleFor)
			second := do(t, c, "POST", url, "amount=2")
			mustSucceed(t, "POST after idle", second)
			if !equalBools(second.reused, []bool{false}) {
				t.Errorf("Reused flags = %v, want one new connection", second.reused)
			}
			if s := relay.Stats(); s.ResetsSent != 0 || s.FlowsOpened != tc.wantFlows {
				t.Errorf("relay stats %+v, want no reset and %d flows", s, tc.wantFlows)
			}
			if got, want := srv.requests(), []string{"POST /pay amount=1", "POST /pay amount=2"}; !equal(got, want) {
				t.Errorf("server saw %q, want %q", got, want)
			}
		})
	}
}

// newH2Client returns an HTTP/2 client for srv that dials the relay and
// verifies the server's test certificate.
func newH2Client(t *testing.T, srv *payServer, relay *natsim.Relay, h2 *http.HTTP2Config) *http.Client {
	t.Helper()
	pool := x509.NewCertPool()
	pool.AddCert(srv.srv.Certificate())
	tr := &http.Transport{
		TLSClientConfig:   &tls.Config{RootCAs: pool},
		ForceAttemptHTTP2: true,
		HTTP2:             h2,
	}
	return newClient(t, tr, relay)
}

// TestHTTP2 runs the sequence over HTTP/2. Without a health check the
// connection stays pooled forever, like HTTP/1; with SendPingTimeout (the
// bundled equivalent of x/net/http2 Transport.ReadIdleTimeout) below the
// NAT's timeout, PING frames carry data through the NAT while the
// connection is idle, so the flow never goes idle.
func TestHTTP2(t *testing.T) {
	t.Parallel()
	t.Run("no health check, POST", func(t *testing.T) {
		t.Parallel()
		srv := newPayServer(t, true)
		relay := natsimtest.StartRelay(t, srv.srv.Listener.Addr().String(), tlsRelayTimeout)
		c := newH2Client(t, srv, relay, nil)
		url := srv.srv.URL + "/pay"

		first := do(t, c, "POST", url, "amount=1")
		mustSucceed(t, "first POST", first)
		if first.proto != 2 {
			t.Fatalf("response protocol HTTP/%d, want HTTP/2", first.proto)
		}
		idleUntilForgotten(t, relay, tlsRelayTimeout)
		second := do(t, c, "POST", url, "amount=2")
		if second.err == nil {
			t.Fatal("HTTP/2 POST on the forgotten flow succeeded; want connection reset")
		}
		t.Logf("HTTP/2 POST after idle: %v", second.err)
		if !errors.Is(second.err, syscall.ECONNRESET) {
			t.Errorf("error is not ECONNRESET: %v", second.err)
		}
		if got := srv.requests(); len(got) != 1 {
			t.Errorf("server saw %q; want only the first POST", got)
		}
		if s := relay.Stats(); s.ResetsSent != 1 {
			t.Errorf("relay stats %+v, want 1 reset", s)
		}
		mustSucceed(t, "retried POST", do(t, c, "POST", url, "amount=2"))
	})
	// Unlike HTTP/1, the bundled HTTP/2 transport does not replay even a
	// GET when a connection it reuses fails with a read error: the reset
	// reaches the caller.
	t.Run("no health check, GET is not replayed", func(t *testing.T) {
		t.Parallel()
		srv := newPayServer(t, true)
		relay := natsimtest.StartRelay(t, srv.srv.Listener.Addr().String(), tlsRelayTimeout)
		c := newH2Client(t, srv, relay, nil)
		url := srv.srv.URL + "/pay"

		mustSucceed(t, "first GET", do(t, c, "GET", url, ""))
		idleUntilForgotten(t, relay, tlsRelayTimeout)
		second := do(t, c, "GET", url, "")
		if second.err == nil {
			t.Fatal("HTTP/2 GET on the forgotten flow succeeded; want connection reset")
		}
		t.Logf("HTTP/2 GET after idle: %v", second.err)
		if !errors.Is(second.err, syscall.ECONNRESET) {
			t.Errorf("error is not ECONNRESET: %v", second.err)
		}
		if !equalBools(second.reused, []bool{true}) {
			t.Errorf("Reused flags = %v, want one reused connection (no replay)", second.reused)
		}
		if s := relay.Stats(); s.ResetsSent != 1 || s.FlowsOpened != 1 {
			t.Errorf("relay stats %+v, want 1 reset and no second flow", s)
		}
		if got := srv.requests(); len(got) != 1 {
			t.Errorf("server saw %q; want only the first GET", got)
		}
		mustSucceed(t, "retried GET", do(t, c, "GET", url, ""))
	})
	t.Run("SendPingTimeout below the NAT timeout", func(t *testing.T) {
		t.Parallel()
		srv := newPayServer(t, true)
		relay := natsimtest.StartRelay(t, srv.srv.Listener.Addr().String(), tlsRelayTimeout)
		c := newH2Client(t, srv, relay, &http.HTTP2Config{
			SendPingTimeout: tlsRelayTimeout / 10,
			PingTimeout:     tlsRelayTimeout,
		})
		url := srv.srv.URL + "/pay"

		first := do(t, c, "POST", url, "amount=1")
		mustSucceed(t, "first POST", first)
		if first.proto != 2 {
			t.Fatalf("response protocol HTTP/%d, want HTTP/2", first.proto)
		}
		before := relay.Stats()
		time.Sleep(tlsRelayTimeout + 300*time.Millisecond)
		during := relay.Stats()
		second := do(t, c, "POST", url, "amount=2")
		mustSucceed(t, "POST after idle", second)
		t.Logf("HTTP/2 with pings: %d bytes to the server and %d to the client while idle; second POST Reused=%v",
			during.BytesToServer-before.BytesToServer, during.BytesToClient-before.BytesToClient, second.reused)
		if during.BytesToServer == before.BytesToServer || during.BytesToClient == before.BytesToClient {
			t.Errorf("no PING traffic through the relay while idle: before %+v, after %+v", before, during)
		}
		if s := relay.Stats(); s.ResetsSent != 0 || s.FlowsForgotten != 0 {
			t.Errorf("relay stats %+v, want no flow forgotten and no reset", s)
		}
		if got := srv.requests(); len(got) != 2 {
			t.Errorf("server saw %q, want both POSTs", got)
		}
	})
}

func equal(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func equalBools(a, b []bool) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
