package natsim

import (
	"errors"
	"fmt"
	"io"
	"net"
	"sync"
	"time"
)

// Link is a loopback TCP link with a fixed one-way latency: it accepts
// connections on 127.0.0.1 and forwards each to a target address, delaying
// every payload chunk, FIN and RST by the same latency in each direction,
// in the order they were read. It forgets nothing; it stands for the
// network path between a load balancer and its targets, on which a FIN the
// server sends is still in flight for a while after the server has closed
// its socket. Create it with [NewLink] and release it with [Link.Close].
//
// What is forwarded:
//
//   - payload, after the latency;
//   - a FIN (the link read EOF from one side): after the latency the link
//     shuts down writing towards the other side (CloseWrite);
//   - an RST from the server: the link notices one when it has forwarded
//     payload to a server that had already sent its FIN (a closed socket
//     answers payload with an RST; the link reads SO_ERROR right after the
//     write), or when a read from the server fails; after the latency it
//     resets the client side (SO_LINGER 0, then close).
//
// The TCP handshake is not delayed: the link dials the target when it
// accepts a connection. A connection is torn down once a FIN has been
// delivered in both directions, or an RST in either.
type Link struct {
	ln      net.Listener
	target  string
	latency time.Duration

	mu     sync.Mutex
	conns  []*linkConn
	closed bool

	done chan struct{}
	wg   sync.WaitGroup
}

// Side is one end of a connection through a [Link].
type Side int

const (
	SideNone   Side = iota // neither end (yet)
	SideClient             // the end that dialed the link
	SideServer             // the link's target
)

func (s Side) String() string {
	switch s {
	case SideNone:
		return "none"
	case SideClient:
		return "client"
	case SideServer:
		return "server"
	}
	return fmt.Sprintf("Side(%d)", int(s))
}

// LinkFlow describes one connection through a [Link].
type LinkFlow struct {
	ID       int  // 1 for the first connection accepted, 2 for the next, ...
	FirstFIN Side // the end that closed first (sent the first FIN), if any
	// ClientPayloadAt is when the link last read payload from the client.
	ClientPayloadAt time.Time
	// ServerFINAt is when the link read the server's FIN (zero if none).
	ServerFINAt time.Time
	// LateBytes is client payload the link delivered to the server after
	// it had read the server's FIN: payload that met a closed socket.
	LateBytes int64
	// ServerReset: the server answered with an RST.
	ServerReset bool
	Ended       bool // the link has torn the connection down
}

type linkEventKind int

const (
	evData linkEventKind = iota
	evFIN
	evRST
)

type linkEvent struct {
	kind linkEventKind
	due  time.Time
	data []byte
}

type linkConn struct {
	id     int
	l      *Link
	client *net.TCPConn
	server *net.TCPConn
	done   chan struct{} // closed on teardown

	toServer chan linkEvent
	toClient chan linkEvent

	// Guarded by l.mu.
	firstFIN      Side
	clientAt      time.Time
	serverFINAt   time.Time
	late          int64
	serverReset   bool
	finsDelivered int
	rstQueued     bool
	ended         bool
}

// linkQueue bounds the events in flight in one direction; a reader blocks
// when its direction is full, as a sender's window would.
const linkQueue = 256

// NewLink starts a link on 127.0.0.1:0 that forwards to target (host:port)
// with the given one-way latency.
func NewLink(target string, latency time.Duration) (*Link, error) {
	if latency < 0 {
		return nil, errors.New("natsim: negative latency")
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	l := &Link{ln: ln, target: target, latency: latency, done: make(chan struct{})}
	l.wg.Add(1)
	go l.acceptLoop()
	return l, nil
}

// Addr is the address clients dial, "127.0.0.1:port".
func (l *Link) Addr() string { return l.ln.Addr().String() }

// Latency is the one-way delay of the link.
func (l *Link) Latency() time.Duration { return l.latency }

// Flows returns the state of every connection, in the order accepted.
func (l *Link) Flows() []LinkFlow {
	l.mu.Lock()
	defer l.mu.Unlock()
	out := make([]LinkFlow, len(l.conns))
	for i, c := range l.conns {
		out[i] = LinkFlow{
			ID: c.id, FirstFIN: c.firstFIN, ClientPayloadAt: c.clientAt,
			ServerFINAt: c.serverFINAt, LateBytes: c.late,
			ServerReset: c.serverReset, Ended: c.ended,
		}
	}
	return out
}

// Close stops the link: it closes the listener and both sockets of every
// connection, and waits for all of the link's goroutines to return. It is
// safe to call more than once.
func (l *Link) Close() error {
	l.mu.Lock()
	if l.closed {
		l.mu.Unlock()
		l.wg.Wait()
		return nil
	}
	l.closed = true
	close(l.done)
	err := l.ln.Close()
	for _, c := range l.conns {
		c.endLocked()
	}
	l.mu.Unlock()
	l.wg.Wait()
	return err
}

func (l *Link) acceptLoop() {
	defer l.wg.Done()
	for {
		cc, err := l.ln.Accept()
		if err != nil {
			return // closed by Close
		}
		d := net.Dialer{Timeout: 5 * time.Second, KeepAlive: -1}
		sc, err := d.Dial("tcp", l.target)
		if err != nil {
			cc.Close()
			continue
		}
		l.mu.Lock()
		if l.closed {
			l.mu.Unlock()
			cc.Close()
			sc.Close()
			return
		}
		c := &linkConn{
			id:       len(l.conns) + 1,
			l:        l,
			client:   cc.(*net.TCPConn),
			server:   sc.(*net.TCPConn),
			done:     make(chan struct{}),
			toServer: make(chan linkEvent, linkQueue),
			toClient: make(chan linkEvent, linkQueue),
		}
		c.client.SetKeepAlive(false)
		l.conns = append(l.conns, c)
		l.wg.Add(4)
		l.mu.Unlock()
		go c.read(SideClient)
		go c.read(SideServer)
		go c.write(SideServer)
		go c.write(SideClient)
	}
}

// endLocked tears c down. l.mu must be held.
func (c *linkConn) endLocked() {
	if c.ended {
		return
	}
	c.ended = true
	close(c.done)
	c.client.Close()
	c.server.Close()
}

// queue schedules ev towards the given side, after the latency.
func (c *linkConn) queue(to Side, ev linkEvent) {
	ev.due = time.Now().Add(c.l.latency)
	q := c.toServer
	if to == SideClient {
		q = c.toClient
	}
	select {
	case q <- ev:
	case <-c.done:
	}
}

// queueServerReset records an RST from the server and forwards it to the
// client, once.
func (c *linkConn) queueServerReset() {
	c.l.mu.Lock()
	c.serverReset = true
	first := !c.rstQueued
	c.rstQueued = true
	c.l.mu.Unlock()
	if first {
		c.queue(SideClient, linkEvent{kind: evRST})
	}
}

// read forwards what arrives from side from to the other side.
func (c *linkConn) read(from Side) {
	defer c.l.wg.Done()
	src, to := c.client, SideServer
	if from == SideServer {
		src, to = c.server, SideClient
	}
	buf := make([]byte, 32<<10)
	for {
		n, err := src.Read(buf)
		if n > 0 {
			if from == SideClient {
				c.l.mu.Lock()
				c.clientAt = time.Now()
				c.l.mu.Unlock()
			}
			c.queue(to, linkEvent{kind: evData, data: append([]byte(nil), buf[:n]...)})
		}
		if err == nil {
			continue
		}
		select {
		case <-c.done:
			return // torn down: the error is the link's own close
		default:
		}
		if errors.Is(err, io.EOF) {
			c.l.mu.Lock()
			if c.firstFIN == SideNone {
				c.firstFIN = from
			}
			if from == SideServer {
				c.serverFINAt = time.Now()
			}
			c.l.mu.Unlock()
			c.queue(to, linkEvent{kind: evFIN})
			return
		}
		// Any other read error is a reset (or the socket is unusable).
		if from == SideServer {
			c.queueServerReset()
		} else {
			c.queue(to, linkEvent{kind: evRST})
		}
		return
	}
}

// write delivers the events queued towards side to, each at its due time.
func (c *linkConn) write(to Side) {
	defer c.l.wg.Done()
	dst, q := c.server, c.toServer
	if to == SideClient {
		dst, q = c.client, c.toClient
	}
	timer := time.NewTimer(time.Hour)
	timer.Stop()
	defer timer.Stop()
	for {
		var ev linkEvent
		select {
		case ev = <-q:
		case <-c.done:
			return
		}
		if wait := time.Until(ev.due); wait > 0 {
			timer.Reset(wait)
			select {
			case <-timer.C:
			case <-c.done:
				return
			}
		}
		switch ev.kind {
		case evData:
			afterFIN := false
			if to == SideServer {
				c.l.mu.Lock()
				if !c.serverFINAt.IsZero() {
					afterFIN = true
					c.late += int64(len(ev.data))
				}
				c.l.mu.Unlock()
			}
			if _, err := dst.Write(ev.data); err != nil {
				if to == SideServer {
					c.queueServerReset()
				} else {
					c.queue(SideServer, linkEvent{kind: evRST})
				}
				continue
			}
			if afterFIN && c.awaitServerReset() {
				c.queueServerReset()
			}
		case evFIN:
			dst.CloseWrite()
			c.l.mu.Lock()
			c.finsDelivered++
			if c.finsDelivered == 2 {
				c.endLocked()
			}
			c.l.mu.Unlock()
		case evRST:
			// Mark the connection ended before closing, so that the
			// readers take the errors for the link's own close.
			c.l.mu.Lock()
			if !c.ended {
				dst.SetLinger(0)
			}
			c.endLocked()
			c.l.mu.Unlock()
			return
		}
	}
}

// awaitServerReset reports whether the server socket has a pending error
// (an RST answering payload sent after the server's FIN), polling for a
// bounded time. On loopback the RST is usually processed before the write
// returns.
func (c *linkConn) awaitServerReset() bool {
	for range 50 {
		if socketError(c.server) != nil {
			return true
		}
		select {
		case <-c.done:
			return false
		case <-time.After(time.Millisecond):
		}
	}
	return false
}
