package dbserver

import (
	"fmt"
	"strings"
	"testing"
)

// recorder stands in for a test to see whether get skips or fails it.
type recorder struct {
	testing.TB
	skipped, failed string
}

func (r *recorder) Skipf(format string, args ...any)  { r.skipped = fmt.Sprintf(format, args...) }
func (r *recorder) Fatalf(format string, args ...any) { r.failed = fmt.Sprintf(format, args...) }

// TestMissingServer: with a server's binaries missing, a test skips saying
// how to install them, unless CI is "true", when it fails.
func TestMissingServer(t *testing.T) {
	missing := func() (*Server, error) { return nil, fmt.Errorf("no fakedb binary: %w", errMissing) }
	for _, ci := range []string{"", "true"} {
		t.Run("CI="+ci, func(t *testing.T) {
			t.Setenv("CI", ci)
			r := &recorder{TB: t}
			get(r, "fakedb-"+ci, "apt-get install fakedb", missing)
			switch {
			case ci == "" && (r.failed != "" || !strings.Contains(r.skipped, "install it with: apt-get install fakedb")):
				t.Errorf("want a skip with the install hint, got skip %q, failure %q", r.skipped, r.failed)
			case ci == "true" && (r.skipped != "" || !strings.Contains(r.failed, "no fakedb binary")):
				t.Errorf("want a failure, got skip %q, failure %q", r.skipped, r.failed)
			}
			t.Logf("skip %q, failure %q", r.skipped, r.failed)
		})
	}
}
