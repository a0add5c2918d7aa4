package prooftest

import (
	"net"
	"sync"
	"testing"
	"time"
)

// SilentRelay forwards TCP flows to a target and forgets a flow once it has
// been idle (no payload either way) for longer than its timeout. After that
// it swallows whatever either side sends on the flow and tells neither side
// anything: no RST, no FIN; the client's writes succeed (the relay's kernel
// acknowledges them) and its reads wait. A client's FIN on a forgotten flow
// closes only the client's side.
type SilentRelay struct {
	ln      net.Listener
	target  string
	timeout time.Duration
	wg      sync.WaitGroup
	mu      sync.Mutex
	flows   []*silentFlow
	closed  bool
}

type silentFlow struct {
	c, s      net.Conn
	last      time.Time
	forgotten bool
	swallowed int64 // bytes from the client that a forgotten flow dropped
}

func StartSilentRelay(t testing.TB, target string, timeout time.Duration) *SilentRelay {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	r := &SilentRelay{ln: ln, target: target, timeout: timeout}
	r.wg.Add(1)
	go r.accept()
	t.Cleanup(r.Close)
	return r
}

func (r *SilentRelay) Addr() string { return r.ln.Addr().String() }

func (r *SilentRelay) accept() {
	defer r.wg.Done()
	for {
		c, err := r.ln.Accept()
		if err != nil {
			return
		}
		s, err := (&net.Dialer{Timeout: 5 * time.Second, KeepAlive: -1}).Dial("tcp", r.target)
		if err != nil {
			c.Close()
			continue
		}
		f := &silentFlow{c: c, s: s, last: time.Now()}
		r.mu.Lock()
		if r.closed {
			r.mu.Unlock()
			c.Close()
			s.Close()
			return
		}
		r.flows = append(r.flows, f)
		r.wg.Add(2)
		r.mu.Unlock()
		go r.forward(f, c, s, true)
		go r.forward(f, s, c, false)
	}
}

// forgetLocked marks f forgotten if it has been idle too long, and reports
// whether it is forgotten. r.mu must be held.
func (r *SilentRelay) forgetLocked(f *silentFlow) bool {
	if !f.forgotten && time.Since(f.last) > r.timeout {
		f.forgotten = true
	}
	return f.forgotten
}

func (r *SilentRelay) forward(f *silentFlow, src, dst net.Conn, fromClient bool) {
	defer r.wg.Done()
	buf := make([]byte, 32<<10)
	for {
		n, err := src.Read(buf)
		if n > 0 {
			r.mu.Lock()
			if r.forgetLocked(f) {
				if fromClient {
					f.swallowed += int64(n)
				}
				r.mu.Unlock()
				continue
			}
			f.last = time.Now()
			r.mu.Unlock()
			if _, err := dst.Write(buf[:n]); err != nil {
				return
			}
			r.mu.Lock()
			f.last = time.Now()
			r.mu.Unlock()
		}
		if err != nil {
			r.mu.Lock()
			forgotten := r.forgetLocked(f)
			r.mu.Unlock()
			if !forgotten {
				dst.(*net.TCPConn).CloseWrite()
			} else if fromClient {
				src.Close()
			}
			return
		}
	}
}

// Stats returns the number of flows, of forgotten flows (idle past the
// timeout count as forgotten), and the bytes from clients that forgotten
// flows swallowed.
func (r *SilentRelay) Stats() (flows, forgotten int, swallowed int64) {
	r.mu.Lock()
	defer r.mu.Unlock()
	for _, f := range r.flows {
		if r.forgetLocked(f) {
			forgotten++
		}
		swallowed += f.swallowed
	}
	return len(r.flows), forgotten, swallowed
}

// Close stops the relay and closes every flow; it may be called again.
func (r *SilentRelay) Close() {
	r.mu.Lock()
	r.closed = true
	r.ln.Close()
	for _, f := range r.flows {
		f.c.Close()
		f.s.Close()
	}
	r.mu.Unlock()
	r.wg.Wait()
}

// Idle waits until the relay has forgotten want flows.
func (r *SilentRelay) Idle(t testing.TB, want int) {
	t.Helper()
	time.Sleep(r.timeout + r.timeout/4)
	if !WaitFor(10*time.Second, func() bool { _, n, _ := r.Stats(); return n >= want }) {
		_, n, _ := r.Stats()
		t.Fatalf("%d flows forgotten, want %d", n, want)
	}
}

// WaitFor polls cond every 20 ms until it holds or timeout expires, and
// reports whether it held.
func WaitFor(timeout time.Duration, cond func() bool) bool {
	deadline := time.Now().Add(timeout)
	for {
		if cond() {
			return true
		}
		if time.Now().After(deadline) {
			return false
		}
		time.Sleep(20 * time.Millisecond)
	}
}
