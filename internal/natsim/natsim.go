// Package natsim simulates, on loopback, a middlebox that forgets idle TCP
// flows, so that tests can show what an unbounded connection pool does when a
// NAT gateway or load balancer drops its mapping.
//
// A [Relay] listens on 127.0.0.1 and forwards every accepted connection (a
// flow) to a target address. It behaves like an AWS NAT Gateway with a
// scaled-down idle timeout:
//
//   - bytes are forwarded both ways unchanged;
//   - a flow's idle time is the time since the last payload byte in either
//     direction;
//   - while the last payload went to the server (a request in flight, see
//     [AwaitingReplyFactor]), or before the first payload, the timeout is
//     [AwaitingReplyFactor] times longer;
//   - once a flow has been idle for longer than the timeout it is forgotten
//     silently: nothing is sent to either side, no FIN and no RST, and both
//     sockets stay open;
//   - the next payload the client sends on a forgotten flow never reaches the
//     server; the client gets an RST instead (SO_LINGER 0, then close), which
//     the client's kernel reports as ECONNRESET ("connection reset by peer");
//   - payload the server sends on a forgotten flow is dropped;
//   - the server-side socket of a forgotten flow is closed only by
//     [Relay.Close], as a NAT gateway never tells the server either.
//
// # What the relay cannot model
//
// TCP keepalive probes carry no payload and are answered by the kernel, so a
// user-space relay never sees them. The relay therefore models a middlebox
// whose idle timer only data resets: an AWS Application or Classic Load
// Balancer, or any NAT when keepalive is off. That a NAT gateway whose timer
// probes do reset (AWS NAT Gateway, NLB, Linux conntrack) keeps a flow with
// TCP keepalive is shown by the kernel-NAT test in this package
// (TestKernelNATKeepalive), which needs root, iproute2 and nftables; install
// them on Debian with:
//
//	apt-get install iproute2 nftables
//
// HTTP/2 PING frames and application-level pings are payload, so the relay
// does see them and they keep a flow alive.
//
// # Link
//
// A [Link] is the other half: a relay that forgets nothing but delays
// payload, FIN and RST by a fixed latency in each direction, standing for
// the path between a load balancer and the servers behind it. With it a
// server's FIN is in flight long enough for the balancer to send a request
// on a connection the server has already closed (the tests of the server
// side, lb_test.go).
package natsim

import (
	"errors"
	"fmt"
	"net"
	"sync"
	"time"
)

// AwaitingReplyFactor multiplies the idle timeout for a flow whose last
// payload went to the server, or that has carried no payload yet: a request
// is in flight, or the client has connected and not yet written. A real
// middlebox does not care, but its timeout is minutes against requests of
// milliseconds; scaled down to a few hundred milliseconds, a test machine
// under load (a slow TLS handshake under the race detector, a busy CPU) can
// stall that long mid-request, and the relay would turn the stall into a
// hung request or a reset on a fresh connection. The factor keeps the real
// ratio for in-flight exchanges while still bounding how long a flow that
// never gets its reply is kept.
const AwaitingReplyFactor = 2

// FlowState is the state of one flow through the relay.
type FlowState int

const (
	// FlowActive: the relay forwards bytes in both directions.
	FlowActive FlowState = iota
	// FlowForgotten: the flow was idle longer than the timeout; the relay
	// has dropped its mapping but neither side knows yet.
	FlowForgotten
	// FlowReset: the client sent payload on a forgotten flow and got an RST.
	FlowReset
	// FlowClosed: one side closed the flow normally (FIN) while it was
	// active, or the relay was closed.
	FlowClosed
)

func (s FlowState) String() string {
	switch s {
	case FlowActive:
		return "active"
	case FlowForgotten:
		return "forgotten"
	case FlowReset:
		return "reset"
	case FlowClosed:
		return "closed"
	}
	return fmt.Sprintf("FlowState(%d)", int(s))
}

// FlowStats describes one flow.
type FlowStats struct {
	ID            int       // 1 for the first flow accepted, 2 for the next, ...
	State         FlowState // state when the stats were taken
	BytesToServer int64     // payload forwarded from the client to the server
	BytesToClient int64     // payload forwarded from the server to the client
	DroppedBytes  int64     // payload from either side that a forgotten flow swallowed
	AwaitingReply bool      // the last payload went to the server, or none has passed yet
}

// Stats are the relay's counters.
type Stats struct {
	FlowsOpened    int   // connections accepted and connected to the target
	FlowsForgotten int   // flows dropped for idleness
	ResetsSent     int   // RSTs sent to clients writing on a forgotten flow
	BytesToServer  int64 // payload forwarded to the server, all flows
	BytesToClient  int64 // payload forwarded to clients, all flows
}

// Relay is a loopback TCP relay that forgets idle flows like a NAT gateway.
// Create it with [New] and release it with [Relay.Close].
type Relay struct {
	ln      net.Listener
	target  string
	timeout time.Duration

	mu     sync.Mutex
	flows  []*flow
	closed bool
	// changed is closed and replaced whenever a counter or state changes,
	// so that waiters can block without polling.
	changed chan struct{}

	done chan struct{}
	wg   sync.WaitGroup
}

type flow struct {
	id     int
	r      *Relay
	client *net.TCPConn
	server *net.TCPConn

	// Guarded by r.mu.
	state      FlowState
	last       time.Time // last payload in either direction
	toServer   int64
	toClient   int64
	dropped    int64
	forgotten  bool // counted in FlowsForgotten
	reset      bool // counted in ResetsSent
	halfClosed int  // directions that ended with a normal EOF
	awaiting   bool // the last payload went to the server (or none yet)
}

// New starts a relay on 127.0.0.1:0 that forwards to target (host:port) and
// forgets a flow once it has been idle for longer than idleTimeout.
func New(target string, idleTimeout time.Duration) (*Relay, error) {
	if idleTimeout <= 0 {
		return nil, errors.New("natsim: idle timeout must be positive")
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	r := &Relay{
		ln:      ln,
		target:  target,
		timeout: idleTimeout,
		changed: make(chan struct{}),
		done:    make(chan struct{}),
	}
	r.wg.Add(2)
	go r.acceptLoop()
	go r.reaper()
	return r, nil
}

// Addr is the address clients dial, "127.0.0.1:port".
func (r *Relay) Addr() string { return r.ln.Addr().String() }

// IdleTimeout is the idle time after which the relay forgets a flow.
func (r *Relay) IdleTimeout() time.Duration { return r.timeout }

// awaitingTimeout is the idle time after which the relay forgets a flow
// that awaits a reply from the server.
func (r *Relay) awaitingTimeout() time.Duration { return AwaitingReplyFactor * r.timeout }

// Stats returns the relay's counters.
func (r *Relay) Stats() Stats {
	r.mu.Lock()
	defer r.mu.Unlock()
	var s Stats
	for _, f := range r.flows {
		s.FlowsOpened++
		if f.forgotten {
			s.FlowsForgotten++
		}
		if f.reset {
			s.ResetsSent++
		}
		s.BytesToServer += f.toServer
		s.BytesToClient += f.toClient
	}
	return s
}

// Flows returns the stats of every flow, in the order they were accepted.
func (r *Relay) Flows() []FlowStats {
	r.mu.Lock()
	defer r.mu.Unlock()
	out := make([]FlowStats, len(r.flows))
	for i, f := range r.flows {
		out[i] = FlowStats{ID: f.id, State: f.state, BytesToServer: f.toServer, BytesToClient: f.toClient, DroppedBytes: f.dropped, AwaitingReply: f.awaiting}
	}
	return out
}

// WaitFor blocks until cond holds for the relay's stats or the timeout
// expires, whichever comes first, and reports whether cond held.
func (r *Relay) WaitFor(timeout time.Duration, cond func(Stats) bool) bool {
	deadline := time.NewTimer(timeout)
	defer deadline.Stop()
	for {
		r.mu.Lock()
		ch := r.changed
		r.mu.Unlock()
		if cond(r.Stats()) {
			return true
		}
		select {
		case <-ch:
		case <-deadline.C:
			return cond(r.Stats())
		}
	}
}

// notifyLocked wakes WaitFor callers. r.mu must be held.
func (r *Relay) notifyLocked() {
	close(r.changed)
	r.changed = make(chan struct{})
}

// Close stops the relay: it closes the listener and every socket of every
// flow (the server sides of forgotten flows included), and waits for all of
// the relay's goroutines to return. It is safe to call more than once.
func (r *Relay) Close() error {
	r.mu.Lock()
	if r.closed {
		r.mu.Unlock()
		r.wg.Wait()
		return nil
	}
	r.closed = true
	close(r.done)
	err := r.ln.Close()
	for _, f := range r.flows {
		if f.state == FlowActive || f.state == FlowForgotten {
			f.state = FlowClosed
		}
		f.client.Close()
		f.server.Close()
	}
	r.notifyLocked()
	r.mu.Unlock()
	r.wg.Wait()
	return err
}

func (r *Relay) acceptLoop() {
	defer r.wg.Done()
	for {
		c, err := r.ln.Accept()
		if err != nil {
			// The listener is closed by Close; any other error on a
			// loopback listener is not recoverable either.
			return
		}
		d := net.Dialer{Timeout: 5 * time.Second, KeepAlive: -1}
		s, err := d.Dial("tcp", r.target)
		if err != nil {
			c.Close()
			continue
		}
		r.mu.Lock()
		if r.closed {
			r.mu.Unlock()
			c.Close()
			s.Close()
			return
		}
		f := &flow{
			id:       len(r.flows) + 1,
			r:        r,
			client:   c.(*net.TCPConn),
			server:   s.(*net.TCPConn),
			state:    FlowActive,
			last:     time.Now(),
			awaiting: true,
		}
		// Keepalive probes are invisible to the relay; turn them off so
		// the relay's own sockets send none either.
		f.client.SetKeepAlive(false)
		r.flows = append(r.flows, f)
		r.notifyLocked()
		r.wg.Add(2)
		r.mu.Unlock()
		go f.clientToServer()
		go f.serverToClient()
	}
}

// reaper forgets flows whose idle time exceeds the timeout. The forwarding
// goroutines check the idle time too, so the exact moment the reaper runs
// does not change what a client sees; it only makes the FlowsForgotten
// counter move without traffic.
func (r *Relay) reaper() {
	defer r.wg.Done()
	tick := max(r.timeout/10, time.Millisecond)
	t := time.NewTicker(tick)
	defer t.Stop()
	for {
		select {
		case <-r.done:
			return
		case now := <-t.C:
			r.mu.Lock()
			for _, f := range r.flows {
				f.expireLocked(now)
			}
			r.mu.Unlock()
		}
	}
}

// expireLocked forgets f if it is active and has been idle too long, and
// reports whether f is forgotten. r.mu must be held.
func (f *flow) expireLocked(now time.Time) bool {
	limit := f.r.timeout
	if f.awaiting {
		limit = f.r.awaitingTimeout()
	}
	if f.state == FlowActive && now.Sub(f.last) > limit {
		f.state = FlowForgotten
		f.forgotten = true
		f.r.notifyLocked()
	}
	return f.state == FlowForgotten
}

func (f *flow) clientToServer() {
	defer f.r.wg.Done()
	r := f.r
	buf := make([]byte, 32<<10)
	for {
		n, err := f.client.Read(buf)
		if n > 0 {
			r.mu.Lock()
			switch {
			case f.state == FlowActive && !f.expireLocked(time.Now()):
				f.last = time.Now()
				f.toServer += int64(n)
				f.awaiting = true
				r.notifyLocked()
				r.mu.Unlock()
				if _, werr := f.server.Write(buf[:n]); werr != nil {
					f.closeBoth()
					return
				}
				r.mu.Lock()
				f.last = time.Now()
				r.mu.Unlock()
				continue
			case f.state == FlowForgotten:
				// The mapping is gone: answer with an RST, never
				// forward. The server side stays open and silent.
				f.dropped += int64(n)
				f.state = FlowReset
				f.reset = true
				f.client.SetLinger(0)
				f.client.Close()
				r.notifyLocked()
				r.mu.Unlock()
				return
			default: // reset or closed
				r.mu.Unlock()
				return
			}
		}
		if err != nil {
			r.mu.Lock()
			if f.state == FlowActive && !f.expireLocked(time.Now()) {
				// A normal FIN (or error) from the client while
				// the mapping exists: pass the FIN on.
				f.server.CloseWrite()
				f.halfClosed++
				if f.halfClosed == 2 {
					f.state = FlowClosed
					f.client.Close()
					f.server.Close()
				}
			} else if f.state == FlowForgotten {
				// FIN on a forgotten flow: a NAT would have no
				// mapping for it; tell the server nothing.
				f.client.Close()
			}
			r.notifyLocked()
			r.mu.Unlock()
			return
		}
	}
}

func (f *flow) serverToClient() {
	defer f.r.wg.Done()
	r := f.r
	buf := make([]byte, 32<<10)
	for {
		n, err := f.server.Read(buf)
		if n > 0 {
			r.mu.Lock()
			if f.state == FlowActive && !f.expireLocked(time.Now()) {
				f.last = time.Now()
				f.toClient += int64(n)
				f.awaiting = false
				r.notifyLocked()
				r.mu.Unlock()
				if _, werr := f.client.Write(buf[:n]); werr != nil {
					f.closeBoth()
					return
				}
				r.mu.Lock()
				f.last = time.Now()
				r.mu.Unlock()
				continue
			}
			// Forgotten, reset or closed: the packets have nowhere
			// to go. Keep reading so the server never blocks.
			f.dropped += int64(n)
			r.notifyLocked()
			r.mu.Unlock()
		}
		if err != nil {
			r.mu.Lock()
			if f.state == FlowActive && !f.expireLocked(time.Now()) {
				f.client.CloseWrite()
				f.halfClosed++
				if f.halfClosed == 2 {
					f.state = FlowClosed
					f.client.Close()
					f.server.Close()
				}
			}
			r.notifyLocked()
			r.mu.Unlock()
			return
		}
	}
}

// closeBoth ends an active flow after a write error on either side.
func (f *flow) closeBoth() {
	f.r.mu.Lock()
	defer f.r.mu.Unlock()
	if f.state == FlowActive {
		f.state = FlowClosed
		f.client.Close()
		f.server.Close()
	}
	f.r.notifyLocked()
}
