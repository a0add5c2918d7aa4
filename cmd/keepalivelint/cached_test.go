package main

// Tests of the cached paths: keepalivelint PATTERNS keeps each package's
// results in its analysis cache (incremental.go), and -fix runs go vet
// with itself as the tool (cached.go); both print what the standalone
// driver (-cache=false) prints, with the same exit statuses; a second run
// reuses the cache; a cache that cannot be used is skipped.

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
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

// The default path (the analysis cache) prints what the standalone
// driver (-cache=false) prints, byte for byte, with the same exit status:
// on a cold cache, on a warm one, and with only some packages analyzed
// again. -fix and -diff go through go vet -fix (cached.go), compared the
// same way.
// fixSummary matches the lines -fix and -fix -diff add on the go vet path.
var fixSummary = regexp.MustCompile(`(?m)^keepalivelint: (the diff fixes|fixed|-fix).*\n`)

func TestCacheMatchesStandalone(t *testing.T) {
	t.Parallel()
	short(t, "runs the standalone driver, which loads net/http from source, 9 times")
	dirs := map[string]string{
		"incident":  fixture(t, "incident"),
		"pingtest":  fixture(t, "pingtest"),
		"broken":    fixture(t, "broken"),
		"withtests": withTests(t),
	}
	// Each standalone run loads net/http and its dependencies from
	// source: a few flag sets, each where it matters.
	argSets := map[string][][]string{
		"incident":  {{"-json", "./..."}, {"-fix", "-diff", "./..."}},
		"pingtest":  {{"./..."}},
		"broken":    {{"./..."}, {"-json", "./..."}},
		"withtests": {{"-c", "1", "./..."}, {"-json", "./..."}, {"-report-tests", "-json", "./..."}, {"-report-tests", "-fix", "-diff", "./..."}},
	}
	env := withCache(t.TempDir())
	for name, dir := range dirs {
		for _, args := range argSets[name] {
			standalone := runEnv(t, env, dir, binary, append([]string{"-cache=false"}, args...)...)
			for _, when := range []string{"cold", "warm"} {
				cached := runEnv(t, env, dir, binary, args...)
				// The go vet -fix path says what the fixes fix; the
				// in-process driver does not (README, Exit status).
				cached.stderr = fixSummary.ReplaceAllString(cached.stderr, "")
				if cached.code != standalone.code || cached.stdout != standalone.stdout || cached.stderr != standalone.stderr {
					t.Errorf("%s %v, %s cache: cached and standalone runs differ\ncached: %v\nstandalone: %v", name, args, when, cached, standalone)
				}
			}
		}
	}
}

// reuse runs the command with -debug=v and returns what it printed
// without the cache's note, and the note's counts.
func reuse(t *testing.T, env []string, dir, tool string, args ...string) (r result, packages, reused int) {
	t.Helper()
	r = runEnv(t, env, dir, tool, append([]string{"-debug=v"}, args...)...)
	var kept []string
	found := false
	for _, line := range strings.SplitAfter(r.stderr, "\n") {
		if strings.HasPrefix(line, "keepalivelint: analysis cache") {
			// The notes: timings, and the counts.
			_, counts, _ := strings.Cut(strings.TrimPrefix(line, "keepalivelint: analysis cache "), ": ")
			if _, err := fmt.Sscanf(counts, "%d packages, %d reused", &packages, &reused); err == nil {
				found = true
			}
			continue
		}
		kept = append(kept, line)
	}
	if !found {
		t.Fatalf("no analysis cache note: %v", r)
	}
	r.stderr = strings.Join(kept, "")
	return r, packages, reused
}

// A second run over an unchanged tree analyzes no package again; a
// changed flag is a new key for every package; a changed file, for its
// package and those that import it.
func TestCacheSecondRun(t *testing.T) {
	t.Parallel()
	dir := withTests(t)
	env := withCache(t.TempDir())
	first, n, reused := reuse(t, env, dir, binary, "./...")
	if first.code != 3 || n == 0 || reused != 0 {
		t.Fatalf("first run: want exit 3, packages, none reused; got %d packages, %d reused: %v", n, reused, first)
	}
	second, n2, reused := reuse(t, env, dir, binary, "./...")
	if n2 != n || reused != n {
		t.Errorf("second run: %d of %d packages reused; want all %d", reused, n2, n)
	}
	if second.code != first.code || second.stderr != first.stderr || second.stdout != first.stdout {
		t.Errorf("the second run differs:\nfirst: %v\nsecond: %v", first, second)
	}
	// Another flag value: analyzed again, and the verdict changes.
	third, _, reused := reuse(t, env, dir, binary, "-max-idle=gcp-nat", "./...")
	if reused != 0 {
		t.Errorf("-max-idle=gcp-nat reused %d packages analyzed with the default limit", reused)
	}
	if strings.Contains(third.stderr, "other.go") {
		t.Errorf("-max-idle=gcp-nat: other.go (400s) reported: %v", third)
	}
	// A changed file: its package is analyzed again, the others are not.
	writeTestFile(t, filepath.Join(dir, "other", "other.go"), strings.Replace(readFile(t, filepath.Join(dir, "other", "other.go")), "400", "60", 1))
	r, _, reused := reuse(t, env, dir, binary, "./...")
	if reused == n || reused < n-2 || strings.Contains(r.stderr, "other.go") {
		t.Errorf("after other.go changed to 60s: want its package (and its test main) analyzed again, the other %d reused, and quiet; got %d reused: %v", n-2, reused, r)
	}
}

func writeTestFile(t *testing.T, name, content string) {
	t.Helper()
	if err := os.WriteFile(name, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

// A cache that cannot be used (off, not a directory, entries corrupt) is
// skipped, with a note under -debug: the standalone driver runs and the
// result is the same. So is a build cache go vet -fix cannot use.
func TestCacheUnusable(t *testing.T) {
	t.Parallel()
	short(t, "runs the standalone driver, which loads net/http from source, 8 times")
	s := incident(t, fixture(t, "incident"))
	// What the shared cache says (its state does not matter: the cache
	// matches the standalone driver, TestCacheMatchesStandalone).
	want := run(t, s.dir, binary, "./...")
	wantDiff := run(t, s.dir, binary, "-fix", "-diff", "./...")
	notDir := filepath.Join(t.TempDir(), "file")
	writeTestFile(t, notDir, "not a directory\n")
	for _, cache := range []string{"off", notDir} {
		env := withCache(cache)
		r := runEnv(t, env, s.dir, binary, "./...")
		// A cache that cannot be written is said in one line
		// (TestCacheUnwritableSaid); the findings are the same.
		stderr := regexp.MustCompile(`(?m)^keepalivelint: analysis cache off: .*\n`).ReplaceAllString(r.stderr, "")
		if r.code != want.code || stderr != want.stderr {
			t.Errorf("KEEPALIVELINT_CACHE=%s: want the same result as with the cache, got %v", cache, r)
		}
		r = runEnv(t, env, s.dir, binary, "-debug=v", "./...")
		if r.code != want.code || !strings.Contains(r.stderr, "not using the analysis cache") {
			t.Errorf("KEEPALIVELINT_CACHE=%s -debug=v: want a note and exit %d, got %v", cache, want.code, r)
		}
	}

	// Corrupt entries: the run is the standalone driver's, and the
	// entries are gone, so that the next run analyzes those packages again.
	cache := t.TempDir()
	env := withCache(cache)
	runEnv(t, env, s.dir, binary, "./...")
	entries, _ := filepath.Glob(filepath.Join(cache, "analysis", "*", "*-r"))
	if len(entries) == 0 {
		t.Fatalf("no cache entries under %s", cache)
	}
	for _, e := range entries {
		writeTestFile(t, e, "corrupt")
	}
	r := runEnv(t, env, s.dir, binary, "-debug=v", "./...")
	if r.code != want.code || !strings.Contains(r.stderr, "corrupt cache entry") {
		t.Errorf("corrupt entries: want a note and exit %d, got %v", want.code, r)
	}
	if r := runEnv(t, env, s.dir, binary, "./..."); r.code != want.code || r.stderr != want.stderr {
		t.Errorf("after corrupt entries: want the same result, got %v", r)
	}

	readOnly := filepath.Join(t.TempDir(), "ro")
	if err := os.MkdirAll(readOnly, 0o555); err != nil {
		t.Fatal(err)
	}
	if os.Geteuid() == 0 {
		readOnly = notDir // root writes anywhere
	}
	for _, gocache := range []string{"off", readOnly} {
		env := append(withCache(cache), "GOCACHE="+gocache)
		r := runEnv(t, env, s.dir, binary, "-fix", "-diff", "./...")
		if r.code != wantDiff.code || r.stdout != wantDiff.stdout {
			t.Errorf("GOCACHE=%s -fix -diff: want the same result as with the build cache, got %v", gocache, r)
		}
		r = runEnv(t, env, s.dir, binary, "-fix", "-diff", "-debug=v", "./...")
		if !strings.Contains(r.stderr, "analyzing in process, without the cache") {
			t.Errorf("GOCACHE=%s -fix -diff -debug=v: want a note, got %v", gocache, r)
		}
	}
}

// -fix applies the fixes through go vet -fix; a second -fix changes
// nothing.
func TestCachedFix(t *testing.T) {
	t.Parallel()
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

// goListRan runs the command with -debug=v and reports whether it asked
// the go command for the package graph (or reused the one it kept).
func goListRan(t *testing.T, env []string, dir string, args ...string) (result, bool) {
	t.Helper()
	r := runEnv(t, env, dir, binary, append([]string{"-debug=v"}, args...)...)
	switch {
	case strings.Contains(r.stderr, "(go list: true)"):
		return r, true
	case strings.Contains(r.stderr, "(go list: false)"):
		return r, false
	}
	t.Fatalf("no listing note: %v", r)
	return r, false
}

// The package graph is kept between runs: an edit inside a function body
// reuses it, a new file, a removed one or a changed import lists again.
// The graph is kept per directory (a new one each run of the test), the
// analyses in the shared cache, warm for the standard library.
func TestCacheKeepsPackageList(t *testing.T) {
	t.Parallel()
	dir := withTests(t)
	var env []string
	other := filepath.Join(dir, "other", "other.go")
	steps := []struct {
		what   string
		change func()
		list   bool   // go list must run
		report string // a file the findings must name, or ""
		quiet  string // a file they must not name, or ""
	}{
		{"first run", func() {}, true, "other.go", ""},
		{"unchanged", func() {}, false, "other.go", ""},
		{"a value changed", func() {
			writeTestFile(t, other, strings.Replace(readFile(t, other), "400", "60", 1))
		}, false, "", "other.go"},
		{"a new file", func() {
			writeTestFile(t, filepath.Join(dir, "other", "more.go"), "package other\n\nimport \"net/http\"\n\nvar More = &http.Transport{}\n")
		}, true, "more.go", ""},
		{"the file removed", func() { os.Remove(filepath.Join(dir, "other", "more.go")) }, true, "", "more.go"},
		{"an import added", func() {
			writeTestFile(t, other, strings.Replace(readFile(t, other), "import (", "import (\n\t_ \"fmt\"", 1))
		}, true, "", "other.go"},
	}
	for _, s := range steps {
		s.change()
		r, listed := goListRan(t, env, dir, "./...")
		if listed != s.list {
			t.Errorf("%s: go list ran: %v, want %v", s.what, listed, s.list)
		}
		if s.report != "" && !strings.Contains(r.stderr, s.report+":") {
			t.Errorf("%s: want a finding in %s: %v", s.what, s.report, r)
		}
		if s.quiet != "" && strings.Contains(r.stderr, s.quiet+":") {
			t.Errorf("%s: want no finding in %s: %v", s.what, s.quiet, r)
		}
	}
}

// -fix lists the findings it fixes, and those left after it, from the
// analysis cache that a plain run before it filled: go vet, which keys its
// results by its flags, runs only to fix, not to list them again over
// every dependency (go vet -json). Where the cache cannot serve, go vet
// -json lists them, with the same output.
func TestFixListsFromTheCache(t *testing.T) {
	t.Parallel()
	vetJSON := regexp.MustCompile(`(?m)^keepalivelint: go vet .* -json( |$)`)
	vetFix := regexp.MustCompile(`(?m)^keepalivelint: go vet .* -fix( |$)`)
	dir := t.TempDir()
	copyDir(t, fixture(t, "incident"), dir)
	if r := run(t, dir, binary, "./..."); r.code != 3 {
		t.Fatalf("plain run: want exit 3 (findings), got %v", r)
	}
	diff := run(t, dir, binary, "-debug=v", "-fix", "-diff", "./...")
	if diff.code != 0 || !strings.Contains(diff.stderr, "the diff fixes all 2 findings") {
		t.Fatalf("-fix -diff: want exit 0 and both findings fixed, got %v", diff)
	}
	if vetJSON.MatchString(diff.stderr) || !vetFix.MatchString(diff.stderr) {
		t.Errorf("-fix -diff after a plain run: want go vet -fix alone, got %v", diff)
	}
	fix := run(t, dir, binary, "-debug=v", "-fix", "./...")
	if fix.code != 0 || !strings.Contains(fix.stderr, "fixed all 2 findings") {
		t.Fatalf("-fix: want exit 0 and both findings fixed, got %v", fix)
	}
	if vetJSON.MatchString(fix.stderr) {
		t.Errorf("-fix: want the findings before and after from the cache, got %v", fix)
	}
	if r := run(t, dir, "go", "build", "./..."); r.code != 0 {
		t.Errorf("the fixed module does not build: %v", r)
	}

	short(t, "go vet -json over every dependency, for the fallback")
	other := t.TempDir()
	copyDir(t, fixture(t, "incident"), other)
	off := runEnv(t, withCache("off"), other, binary, "-debug=v", "-fix", "-diff", "./...")
	if !vetJSON.MatchString(off.stderr) {
		t.Errorf("KEEPALIVELINT_CACHE=off -fix -diff: want the findings from go vet -json, got %v", off)
	}
	notes := regexp.MustCompile(`(?m)^keepalivelint: (go vet|analyzing|listing) .*\n`)
	if off.code != diff.code || off.stdout != strings.ReplaceAll(diff.stdout, dir, other) ||
		notes.ReplaceAllString(off.stderr, "") != strings.ReplaceAll(notes.ReplaceAllString(diff.stderr, ""), dir, other) {
		t.Errorf("KEEPALIVELINT_CACHE=off -fix -diff: want the output of the cached listing\n%v\ngot %v", diff, off)
	}
}
