// Package prooftest holds the test helpers that more than one test package
// of the proofs module uses: the NAT relay's start and idle wait, the
// silent relay, and tables on the database servers of internal/dbserver.
package prooftest

import (
	"testing"
	"time"

	"github.com/keepalivelint/keepalivelint/internal/natsim"
	"github.com/keepalivelint/keepalivelint/internal/natsim/natsimtest"
)

// StartRelay starts a relay to target and closes it when the test ends.
func StartRelay(t testing.TB, target string, timeout time.Duration) *natsim.Relay {
	t.Helper()
	return natsimtest.StartRelay(t, target, timeout)
}

// IdleUntilForgotten leaves the client idle for longer than the relay's
// timeout and until the relay has forgotten want flows. Waiting for the
// relay's verdict rather than a fixed time keeps the tests independent of
// a straggling frame (an HTTP/2 WINDOW_UPDATE, a BDP ping) that restarts the
// relay's idle timer late on a loaded machine, and of
// natsim.AwaitingReplyFactor when the last payload went to the server.
func IdleUntilForgotten(t testing.TB, relay *natsim.Relay, want int) {
	t.Helper()
	time.Sleep(relay.IdleTimeout() + relay.IdleTimeout()/4)
	limit := natsim.AwaitingReplyFactor*relay.IdleTimeout() + 10*time.Second
	if !relay.WaitFor(limit, func(s natsim.Stats) bool { return s.FlowsForgotten >= want }) {
		t.Fatalf("the relay did not forget %d flow(s) within %v: %+v %+v", want, limit, relay.Stats(), relay.Flows())
	}
}
