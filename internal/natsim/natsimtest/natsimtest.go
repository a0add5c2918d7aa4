// Package natsimtest holds the test helpers for natsim's relay that the
// natsim tests and the proofs module share.
package natsimtest

import (
	"testing"
	"time"

	"github.com/keepalivelint/keepalivelint/internal/natsim"
)

// StartRelay starts a relay to target and closes it when the test ends.
func StartRelay(t testing.TB, target string, timeout time.Duration) *natsim.Relay {
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
