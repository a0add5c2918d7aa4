package main

// Tests of the cached path (cached.go): keepalivelint PATTERNS runs go vet
// with itself as the tool and prints what the in-process driver
// (without -cache) prints, with the same exit statuses; a second run replays
// go vet's cache; a cache that cannot be used is skipped.

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// withTests is a module whose packages have in-package and external test
// files, with findings in both production and test code.
func withTests(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	files := map[string]string{
		"go.mod": "module example.com/withtests\n\ngo 1.26\n",
		"pool/pool.go": `package pool

import "net/http"

// Client has no idle timeout.
var Client = &http.Client{Transport: &http.Transport{}}
`,
		"pool/pool_test.go": `package pool

import (
	"net/http"
	"testing"
)

var testClient = &http.Client{Transport: &http.Transport{}}

func TestPool(t *testing.T) { _ = Client; _ = testClient }
`,
		"pool/x_test.go": `package pool_test

import (
	"net/http"
	"testing"
)

var xClient = &http.Client{Transport: &http.Transport{}}

func TestX(t *testing.T) { _ = xClient }
`,
		"other/other.go": `package other

import (
	"net/http"
	"time"
)

// Client is fine.
var Client = &http.Client{Transport: &http.Transport{IdleConnTimeout: 400 * time.Second}}
`,
	}
	for name, content := range files {
		if err := os.MkdirAll(filepath.Dir(filepath.Join(dir, name)), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// The cached path prints what the in-process driver prints, byte for
// byte, with the same exit status.
func TestCachedMatchesInProcess(t *testing.T) {
	dirs := map[string]string{
		"incident":  fixture(t, "incident"),
		"pingtest":  fixture(t, "pingtest"),
		"broken":    fixture(t, "broken"),
		"withtests": withTests(t),
	}
	// Each run in process loads net/http and its dependencies from
	// source: a few flag sets, each where it matters.
	argSets := map[string][][]string{
		"incident":  {{"-json", "./..."}, {"-fix", "-diff", "./..."}},
		"pingtest":  {{"./..."}},
		"broken":    {{"./..."}, {"-json", "./..."}},
		"withtests": {{"-c", "1", "./..."}, {"-json", "./..."}, {"-report-tests", "-json", "./..."}, {"-report-tests", "-fix", "-diff", "./..."}},
	}
	for name, dir := range dirs {
		for _, args := range argSets[name] {
			cached := run(t, dir, binary, append([]string{"-cache"}, args...)...)
			inProcess := run(t, dir, binary, args...)
			if cached.code != inProcess.code || cached.stdout != inProcess.stdout || cached.stderr != inProcess.stderr {
				t.Errorf("%s %v: cached and in-process runs differ\ncached: %v\nin process: %v", name, args, cached, inProcess)
			}
		}
	}
}

// A second run over an unchanged tree runs the tool on no package: go
// vet replays its cache. A changed flag is a new key.
func TestCachedSecondRun(t *testing.T) {
	dir := withTests(t)
	tools := t.TempDir()
	data, err := os.ReadFile(binary)
	if err != nil {
		t.Fatal(err)
	}
	// A copy with a byte appended: a tool ID no earlier run has cached.
	tool := filepath.Join(tools, "keepalivelint")
	if err := os.WriteFile(tool, append(data, byte(os.Getpid())), 0o755); err != nil {
		t.Fatal(err)
	}
	log := filepath.Join(tools, "units.log")
	t.Setenv("KEEPALIVELINT_UNIT_LOG", log)
	units := func() int {
		data, _ := os.ReadFile(log)
		return strings.Count(string(data), "\n")
	}
	first := run(t, dir, tool, "-cache", "./...")
	n := units()
	if first.code != 3 || n == 0 {
		t.Fatalf("first run: want exit 3 and the tool run on some units, got %d units: %v", n, first)
	}
	second := run(t, dir, tool, "-cache", "./...")
	if m := units(); m != n {
		t.Errorf("the second run analyzed %d units again; want none", m-n)
	}
	if second.code != first.code || second.stderr != first.stderr || second.stdout != first.stdout {
		t.Errorf("the second run differs:\nfirst: %v\nsecond: %v", first, second)
	}
	// Another flag value: analyzed again, and the verdict changes.
	third := run(t, dir, tool, "-cache", "-max-idle=gcp-nat", "./...")
	if units() == n {
		t.Errorf("-max-idle=gcp-nat reused the results of the default limit")
	}
	if strings.Contains(third.stderr, "other.go") {
		t.Errorf("-max-idle=gcp-nat: other.go (400s) reported: %v", third)
	}
	// A changed file: its package is analyzed again.
	n = units()
	writeTestFile(t, filepath.Join(dir, "other", "other.go"), strings.Replace(readFile(t, filepath.Join(dir, "other", "other.go")), "400", "60", 1))
	r := run(t, dir, tool, "-cache", "./...")
	if units() == n || strings.Contains(r.stderr, "other.go") {
		t.Errorf("after other.go changed to 60s: want it analyzed again and quiet, got %v", r)
	}
}

func writeTestFile(t *testing.T, name, content string) {
	t.Helper()
	if err := os.WriteFile(name, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

// A build cache that cannot be used is skipped, with a note under -debug:
// the in-process driver runs and the result is the same.
func TestCacheUnusable(t *testing.T) {
	s := incident(t, fixture(t, "incident"))
	want := run(t, s.dir, binary, "-cache", "./...")
	readOnly := filepath.Join(t.TempDir(), "ro")
	if err := os.MkdirAll(readOnly, 0o555); err != nil {
		t.Fatal(err)
	}
	if os.Geteuid() == 0 {
		// root writes anywhere: a file where the directory should be.
		readOnly = filepath.Join(t.TempDir(), "file")
		writeTestFile(t, readOnly, "not a directory\n")
	}
	for _, gocache := range []string{"off", readOnly} {
		t.Setenv("GOCACHE", gocache)
		r := run(t, s.dir, binary, "-cache", "./...")
		if r.code != want.code || r.stderr != want.stderr {
			t.Errorf("GOCACHE=%s: want the same result as with the cache, got %v", gocache, r)
		}
		r = run(t, s.dir, binary, "-cache", "-debug=v", "./...")
		if r.code != want.code || !strings.Contains(r.stderr, "analyzing in process, without the cache") {
			t.Errorf("GOCACHE=%s -debug=v: want a note and exit %d, got %v", gocache, want.code, r)
		}
	}
}

// -fix applies the fixes through go vet -fix; a second -fix changes
// nothing.
func TestCachedFix(t *testing.T) {
	dir := withTests(t)
	if r := run(t, dir, binary, "-cache", "-fix", "./..."); r.code != 0 {
		t.Fatalf("-fix: want exit 0, got %v", r)
	}
	src := readFile(t, filepath.Join(dir, "pool", "pool.go"))
	if !strings.Contains(src, "IdleConnTimeout: 90 * time.Second") {
		t.Errorf("pool.go not fixed:\n%s", src)
	}
	if r := run(t, dir, binary, "-cache", "./..."); r.code != 0 {
		t.Errorf("after -fix: want exit 0, got %v", r)
	}
	if r := run(t, dir, "go", "build", "./..."); r.code != 0 {
		t.Errorf("the fixed module does not build: %v", r)
	}
}
