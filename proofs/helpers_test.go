package proofs_test

import (
	"bytes"
	"flag"
	"fmt"
	"net"
	"os"
	"sync"
	"testing"
	"time"

	"github.com/keepalivelint/keepalivelint/internal/natsim"
)

// startRelay starts a relay to target and closes it when the test ends.
func startRelay(t *testing.T, target string, timeout time.Duration) *natsim.Relay {
	t.Helper()
	r, err := natsim.New(target, timeout)
	if err != nil {
		t.Fatalf("natsim.New: %v", err)
	}
	t.Cleanup(func() {
		done := make(chan struct{})
		go func() { r.Close(); close(done) }()
		select {
		case <-done:
		case <-time.After(10 * time.Second):
			t.Errorf("relay Close did not return within 10s")
		}
	})
	return r
}

// idleUntilForgotten leaves the client idle for longer than the relay's
// timeout and until the relay has forgotten want flows. Waiting for the
// relay's verdict rather than a fixed time keeps the tests independent of
// a straggling frame (an HTTP/2 WINDOW_UPDATE, a BDP ping) that restarts the
// relay's idle timer late on a loaded machine, and of
// natsim.AwaitingReplyFactor when the last payload went to the server.
func idleUntilForgotten(t *testing.T, relay *natsim.Relay, want int) {
	t.Helper()
	time.Sleep(relay.IdleTimeout() + relay.IdleTimeout()/4)
	limit := natsim.AwaitingReplyFactor*relay.IdleTimeout() + 10*time.Second
	if !relay.WaitFor(limit, func(s natsim.Stats) bool { return s.FlowsForgotten >= want }) {
		t.Fatalf("the relay did not forget %d flow(s) within %v: %+v %+v", want, limit, relay.Stats(), relay.Flows())
	}
}

// logBuffer collects log output of a library (gRPC's logger, the MongoDB
// driver's) for assertions.
type logBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (l *logBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.buf.Write(p)
}

func (l *logBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.buf.String()
}

// waitFor polls cond every 20 ms until it holds or timeout expires.
func waitFor(timeout time.Duration, cond func() bool) bool {
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

func TestMain(m *testing.M) {
	// gRPC's logger must be set before any gRPC function runs.
	installGRPCLogger()
	// The tests spend nearly all their time asleep, waiting for the relay
	// to forget a flow; run them all at once unless -parallel is given.
	flag.Parse()
	parallelSet := false
	flag.Visit(func(f *flag.Flag) { parallelSet = parallelSet || f.Name == "test.parallel" })
	if !parallelSet {
		flag.Set("test.parallel", "32")
	}
	code := m.Run()
	if code == 0 {
		if leaked := waitNoLeaks(10 * time.Second); leaked != "" {
			fmt.Fprintf(os.Stderr, "leaked goroutines after all tests:\n%s\n", leaked)
			code = 1
		}
	}
	os.Exit(code)
}

// waitNoLeaks waits until no goroutine of the relay, of a client library's
// pool or of a test server is left; see natsim.WaitNoLeaks.
func waitNoLeaks(timeout time.Duration) string {
	return natsim.WaitNoLeaks(timeout,
		"proofs_test.",
		"google.golang.org/grpc", "github.com/jackc/", "github.com/redis/go-redis",
		"go.mongodb.org/mongo-driver", "github.com/alicebob/miniredis",
		// fasthttp's servers and workers; not its process-wide date ticker
		// (updateServerDate, started once, never stopped).
		"fasthttp.(*Server)", "fasthttp.(*workerPool)")
}

// serveLoopback listens on 127.0.0.1 and serves every accepted connection
// with serve (id counts connections from 1) until the test ends, when the
// listener and every connection are closed and the goroutines waited for.
func serveLoopback(t *testing.T, serve func(c net.Conn, id int32)) net.Listener {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	var (
		wg    sync.WaitGroup
		mu    sync.Mutex
		conns []net.Conn
	)
	wg.Add(1)
	go func() {
		defer wg.Done()
		for id := int32(1); ; id++ {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			mu.Lock()
			conns = append(conns, c)
			mu.Unlock()
			wg.Add(1)
			go func() { defer wg.Done(); defer c.Close(); serve(c, id) }()
		}
	}()
	t.Cleanup(func() {
		ln.Close()
		mu.Lock()
		for _, c := range conns {
			c.Close()
		}
		mu.Unlock()
		wg.Wait()
	})
	return ln
}
