package natsim_test

import (
	"flag"
	"fmt"
	"os"
	"testing"
	"time"

	"github.com/keepalivelint/keepalivelint/internal/natsim"
)

// relayTimeout is the scaled-down idle timeout of the simulated NAT gateway
// (an AWS NAT Gateway uses 350 s).
const relayTimeout = 300 * time.Millisecond

// idleFor is how long the tests leave a pooled connection unused. The relay
// measures idle time from the last payload it forwarded, which precedes the
// client's receipt of the response, so any idleFor above relayTimeout makes
// the relay forget the flow, however slow the machine.
const idleFor = relayTimeout + 100*time.Millisecond

// tlsRelayTimeout is the relay timeout of the HTTP/2 tests: a TLS handshake
// under the race detector on a loaded machine can stall the client between
// two of its messages for several hundred milliseconds, which a 300 ms NAT
// would punish.
const tlsRelayTimeout = time.Second

// fixIdle is the client-side idle limit the fixes use: well below
// relayTimeout, as 90 s is below 350 s.
const fixIdle = relayTimeout / 3

func TestMain(m *testing.M) {
	if role := os.Getenv(knatRoleEnv); role != "" {
		// A helper process of TestKernelNATKeepalive, inside a network
		// namespace.
		os.Exit(kernelNATHelper(role))
	}
	// The tests spend nearly all their time asleep, waiting for the relay
	// to forget a flow. Unless -parallel is given, run more of them at once
	// than GOMAXPROCS (the default), so the package takes seconds on a
	// 2-core machine rather than tens of seconds.
	flag.Parse()
	parallelSet := false
	flag.Visit(func(f *flag.Flag) { parallelSet = parallelSet || f.Name == "test.parallel" })
	if !parallelSet {
		flag.Set("test.parallel", "16")
	}
	code := m.Run()
	if code == 0 {
		if leaked := waitNoLeaks(5 * time.Second); leaked != "" {
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
		"net/http.(*persistConn)", "net/http.(*http2ClientConn)", "net/http.(*conn).serve",
		"database/sql.(*DB)", "natsim_test.")
}
