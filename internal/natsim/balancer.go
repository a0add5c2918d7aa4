package natsim

import (
	"context"
	"net/http"
	"net/http/httptest"
	"net/http/httptrace"
	"net/http/httputil"
	"net/url"
	"sync"
	"time"
)

// Balancer stands in for an AWS ALB in front of a backend: a reverse
// proxy that pools its connections to the backend with its own idle
// timeout and does not retry a POST. httputil.ReverseProxy clones the
// inbound request, whose GetBody is nil (a server's requests never have
// one), so http.Transport does not replay the POST on a new connection
// (Transport.roundTrip, persistConn.shouldRetryRequest: neither
// rewindable nor idempotent). It answers 502 when its upstream request
// fails, as the default ErrorHandler does, without its log line. Start it
// with [StartBalancer] and release it with [Balancer.Close].
type Balancer struct {
	// URL is the balancer's front: clients send their requests here.
	URL string

	front  *httptest.Server
	tr     *http.Transport
	mu     sync.Mutex
	trips  []*upstreamTrip
	idleAt time.Time // when the Transport last put a connection in its idle pool
}

// An UpstreamTrip is what the balancer did upstream for one request.
type UpstreamTrip struct {
	// Reused holds httptrace's GotConn Reused, one per connection the
	// balancer's Transport used (a replay uses a second one).
	Reused []bool
	// GotAt is when the Transport got its first connection.
	GotAt time.Time
	// Err is what the ErrorHandler got, if it was called.
	Err error
}

// upstreamTrip is an UpstreamTrip being recorded.
type upstreamTrip struct {
	mu sync.Mutex
	UpstreamTrip
}

type tripKey struct{}

// StartBalancer starts a balancer on 127.0.0.1 that forwards every request
// to backendAddr (host:port) and closes a pooled connection to it after
// idle without a request.
func StartBalancer(backendAddr string, idle time.Duration) *Balancer {
	target := &url.URL{Scheme: "http", Host: backendAddr}
	lb := &Balancer{tr: &http.Transport{IdleConnTimeout: idle}}
	proxy := &httputil.ReverseProxy{
		Transport: lb.tr,
		Rewrite: func(pr *httputil.ProxyRequest) {
			pr.SetURL(target)
			trip := &upstreamTrip{}
			lb.mu.Lock()
			lb.trips = append(lb.trips, trip)
			lb.mu.Unlock()
			ctx := context.WithValue(pr.Out.Context(), tripKey{}, trip)
			ctx = httptrace.WithClientTrace(ctx, &httptrace.ClientTrace{
				GotConn: func(i httptrace.GotConnInfo) {
					trip.mu.Lock()
					if len(trip.Reused) == 0 {
						trip.GotAt = time.Now()
					}
					trip.Reused = append(trip.Reused, i.Reused)
					trip.mu.Unlock()
				},
				PutIdleConn: func(err error) {
					if err == nil {
						lb.mu.Lock()
						lb.idleAt = time.Now()
						lb.mu.Unlock()
					}
				},
			})
			pr.Out = pr.Out.WithContext(ctx)
		},
		// As the default ErrorHandler, without its log line: 502.
		ErrorHandler: func(w http.ResponseWriter, r *http.Request, err error) {
			if trip, ok := r.Context().Value(tripKey{}).(*upstreamTrip); ok {
				trip.mu.Lock()
				trip.Err = err
				trip.mu.Unlock()
			}
			w.WriteHeader(http.StatusBadGateway)
		},
	}
	lb.front = httptest.NewServer(proxy)
	lb.URL = lb.front.URL
	return lb
}

// LastTrip returns what the balancer did upstream for the last request it
// forwarded; false when it has forwarded none.
func (lb *Balancer) LastTrip() (UpstreamTrip, bool) {
	lb.mu.Lock()
	defer lb.mu.Unlock()
	if len(lb.trips) == 0 {
		return UpstreamTrip{}, false
	}
	trip := lb.trips[len(lb.trips)-1]
	trip.mu.Lock()
	defer trip.mu.Unlock()
	out := trip.UpstreamTrip
	out.Reused = append([]bool(nil), trip.Reused...)
	return out, true
}

// IdleSince returns when the balancer's Transport last pooled an idle
// connection: its idle clock starts there.
func (lb *Balancer) IdleSince() time.Time {
	lb.mu.Lock()
	defer lb.mu.Unlock()
	return lb.idleAt
}

// CloseIdleConnections closes the balancer's idle upstream connections, so
// that its next request dials anew.
func (lb *Balancer) CloseIdleConnections() {
	lb.tr.CloseIdleConnections()
}

// Close stops the balancer's front and closes its idle upstream
// connections.
func (lb *Balancer) Close() {
	lb.front.Close()
	lb.tr.CloseIdleConnections()
}
