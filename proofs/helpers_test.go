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
	"github.com/keepalivelint/keepalivelint/proofs/internal/dbserver"
	"github.com/keepalivelint/keepalivelint/proofs/internal/prooftest"
)

// startRelay starts a relay to target and closes it when the test ends.
func startRelay(t *testing.T, target string, timeout time.Duration) *natsim.Relay {
	t.Helper()
	return prooftest.StartRelay(t, target, timeout)
}

// idleUntilForgotten waits until the relay has forgotten want flows; see
// prooftest.IdleUntilForgotten.
func idleUntilForgotten(t *testing.T, relay *natsim.Relay, want int) {
	t.Helper()
	prooftest.IdleUntilForgotten(t, relay, want)
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
	return prooftest.WaitFor(timeout, cond)
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
	if err := dbserver.StopAll(); err != nil {
		fmt.Fprintln(os.Stderr, "stopping the database servers:", err)
		code = 1
	}
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
		"database/sql.", "github.com/lib/pq", "github.com/go-sql-driver/mysql", "prooftest.",
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
