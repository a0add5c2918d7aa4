package integration

import (
	"path/filepath"
	"strings"
	"testing"
)

// relatedFixture adds a package whose finding carries related information
// (the transport, built on the line above the too-long value), with the
// given comment on the finding's line.
func relatedFixture(t *testing.T, comment string) func(dir string) {
	return func(dir string) {
		writeFile(t, filepath.Join(dir, "related", "related.go"), `// Package related configures its transport on another line.
package related

import (
	"net/http"
	"time"
)

func newTransport() *http.Transport {
	tr := &http.Transport{}
	tr.IdleConnTimeout = 400 * time.Second `+comment+`
	return tr
}

// Client keeps the transport.
var Client = &http.Client{Transport: newTransport()}
`)
	}
}

// golangci-lint turns related information into issues of their own; the
// plugin's findings carry none, so //nolint on a finding and --fix of it
// leave nothing behind.
func TestGolangciRelatedCleared(t *testing.T) {
	if testing.Short() {
		t.Skip("builds golangci-lint (minutes on a cold cache); skipped with -short")
	}
	customGCL(t)

	t.Run("reported once", func(t *testing.T) {
		t.Parallel()
		_, r, issues := lintFixture(t, relatedFixture(t, ""))
		if n := issuesIn(issues, "related/related.go"); n != 1 || !issueIn(issues, "related/related.go", "http.Transport IdleConnTimeout is 400s") {
			t.Errorf("related/related.go: want one issue, the finding; got %d: %v\n%v", n, issues, r)
		}
	})
	t.Run("nolint", func(t *testing.T) {
		t.Parallel()
		_, r, issues := lintFixture(t, relatedFixture(t, "//nolint:keepalivelint // a test of nolint"))
		if n := issuesIn(issues, "related/related.go"); n != 0 {
			t.Errorf("//nolint:keepalivelint left %d issues in related/related.go: %v\n%v", n, issues, r)
		}
	})
	t.Run("fix", func(t *testing.T) {
		t.Parallel()
		dir, r, issues := lintFixture(t, relatedFixture(t, ""), "--fix")
		if r.code != 0 || len(issues) != 0 {
			t.Errorf("--fix: want exit 0 and no issue left, got %v\n%v", issues, r)
		}
		if src := readFile(t, filepath.Join(dir, "related", "related.go")); !strings.Contains(src, "tr.IdleConnTimeout = 90 * time.Second") {
			t.Errorf("--fix did not fix related/related.go:\n%s", src)
		}
	})
}

// The README's .golangci.yml works with any max-idle preset: it pins no
// fix-idle that a shorter limit would make invalid (fix-idle follows
// max-idle, as the command's -fix-idle does).
func TestGolangciReadmeSettings(t *testing.T) {
	if testing.Short() {
		t.Skip("builds golangci-lint (minutes on a cold cache); skipped with -short")
	}
	var sample string
	for _, b := range readmeBlocks(t, "## Using it") {
		if strings.HasPrefix(b, "version: \"2\"\n") {
			sample = b
		}
	}
	if !strings.Contains(sample, "max-idle: aws-nat") {
		t.Fatalf("the README has no .golangci.yml sample with max-idle: aws-nat:\n%s", sample)
	}
	for _, preset := range []string{"aws-nat", "aws-alb"} {
		t.Run(preset, func(t *testing.T) {
			cfg := strings.Replace(sample, "max-idle: aws-nat", "max-idle: "+preset, 1)
			_, r, issues := lintFixture(t, func(dir string) {
				writeFile(t, filepath.Join(dir, ".golangci.yml"), cfg)
			})
			if r.code != 1 || !issueIn(issues, "payments/payments.go", noIdleTimeout) {
				t.Errorf("the README's settings with max-idle: %s: want the payments finding, got %v\n%v", preset, issues, r)
			}
		})
	}
}
