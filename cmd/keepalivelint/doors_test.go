package main

// The command agrees with itself across its paths (cached, -cache=false,
// -fix, -fix -diff) and says what it did (issue 27).

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// writeModule writes files (relative names) under a new temporary
// directory, with a go.mod of module example.com/m.
func writeModule(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	files["go.mod"] = "module example.com/m\n\ngo 1.22\n"
	for name, content := range files {
		if err := os.MkdirAll(filepath.Dir(filepath.Join(dir, name)), 0o755); err != nil {
			t.Fatal(err)
		}
		writeTestFile(t, filepath.Join(dir, name), content)
	}
	return dir
}

// -tags is honoured in every path: a finding in a file only -tags=foo
// builds is reported, fixed and shown in a diff.
func TestTagsEveryPath(t *testing.T) {
	t.Parallel()
	dir := writeModule(t, map[string]string{
		"p/p.go": "package p\n",
		"p/tagged.go": `//go:build foo

package p

import "net/http"

// Tagged is built with -tags=foo only.
var Tagged = &http.Transport{}
`,
	})
	tagged := filepath.Join(dir, "p", "tagged.go")
	env := withCache(t.TempDir())
	if r := runEnv(t, env, dir, binary, "./..."); r.code != 0 {
		t.Fatalf("without -tags: want exit 0 (tagged.go not built), got %v", r)
	}
	for _, args := range [][]string{{"-tags=foo"}, {"-tags", "foo"}, {"-cache=false", "-tags=foo"}} {
		if testing.Short() && args[0] == "-cache=false" {
			continue // another cold analysis; the full suite runs it
		}
		r := runEnv(t, env, dir, binary, append(args, "./...")...)
		if r.code != 3 || !strings.Contains(r.stderr, tagged+":8:") {
			t.Errorf("%v: want exit 3 and the finding in tagged.go, got %v", args, r)
		}
	}
	if !testing.Short() { // go vet -fix over every dependency, twice
		r := runEnv(t, env, dir, binary, "-tags=foo", "-fix", "-diff", "./...")
		if !strings.Contains(r.stdout, "--- "+tagged+" (old)") {
			t.Errorf("-tags=foo -fix -diff: want the fix of tagged.go, got %v", r)
		}
		r = runEnv(t, env, dir, binary, "-tags=foo", "-fix", "./...")
		if src := readFile(t, tagged); r.code != 0 || !strings.Contains(src, "IdleConnTimeout: 90 * time.Second") {
			t.Errorf("-tags=foo -fix: want exit 0 and tagged.go fixed, got %v\n%s", r, src)
		}
	}
	r := run(t, dir, binary, "-help")
	if regexp.MustCompile(`(?m)^  -tags.*\n\s+no effect`).MatchString(r.stderr) {
		t.Errorf("-help says -tags has no effect: %v", r)
	}
	if !regexp.MustCompile(`(?m)^  -tags list\n\s+comma-separated list of build tags`).MatchString(r.stderr) {
		t.Errorf("-help does not describe -tags: %v", r)
	}
}

// fixModule has a finding with a fix (p/p.go) and one without
// (q/nofix.go: its package takes the name time, so no import of package
// time can be added).
func fixModule(t *testing.T) string {
	return writeModule(t, map[string]string{
		"p/p.go": `package p

import "net/http"

// Fixed gets a fix.
var Fixed = &http.Transport{}
`,
		"q/nofix.go": `package q

import "net/http"

// NoFix gets none: time names a function here.
var NoFix = &http.Transport{}

func time() {}
`,
	})
}

// -fix and -fix -diff say which findings they fixed and which remain
// (printed as findings), and exit 3 when some remain, 0 when none do.
func TestFixSaysWhatItDid(t *testing.T) {
	t.Parallel()
	short(t, "go vet -fix over every dependency for two more flag sets; TestFixDiff and TestFixBrokenFixesNothing run the -fix path")
	dir := fixModule(t)
	fixed, nofix := filepath.Join(dir, "p", "p.go"), filepath.Join(dir, "q", "nofix.go")

	r := run(t, dir, binary, "-fix", "-diff", "./...")
	for _, want := range []string{
		"keepalivelint: the diff fixes " + fixed + ":6:14 (no-idle-timeout)\n",
		nofix + ":6:14: http.Transport has no IdleConnTimeout",
		"keepalivelint: -fix -diff: the diff fixes 1 of 2 findings; 1 has no fix\n",
	} {
		if !strings.Contains(r.stderr, want) {
			t.Errorf("-fix -diff: stderr lacks %q: %v", want, r)
		}
	}
	if r.code != 3 || !strings.Contains(r.stdout, "--- "+fixed+" (old)") {
		t.Errorf("-fix -diff: want exit 3 (a finding has no fix) and the diff of p.go, got %v", r)
	}

	r = run(t, dir, binary, "-fix", "./...")
	for _, want := range []string{
		"keepalivelint: fixed " + fixed + ":6:14 (no-idle-timeout)\n",
		nofix + ":6:14: http.Transport has no IdleConnTimeout",
		"keepalivelint: -fix: fixed 1 of 2 findings; 1 remains, with no fix that applies\n",
	} {
		if !strings.Contains(r.stderr, want) {
			t.Errorf("-fix: stderr lacks %q: %v", want, r)
		}
	}
	if r.code != 3 || !strings.Contains(readFile(t, fixed), "IdleConnTimeout: 90 * time.Second") {
		t.Errorf("-fix: want exit 3 (a finding remains) and p.go fixed, got %v", r)
	}

	// What -fix leaves is what a plain run reports, with the same status.
	plain := run(t, dir, binary, "./...")
	again := run(t, dir, binary, "-fix", "./...")
	if plain.code != 3 || again.code != 3 || !strings.Contains(again.stderr, plain.stderr) {
		t.Errorf("after -fix: a plain run (%v) and -fix again (%v) must both exit 3 with the remaining finding", plain, again)
	}

	os.RemoveAll(filepath.Dir(nofix))
	r = run(t, dir, binary, "-fix", "./...")
	if r.code != 0 || r.stderr != "" {
		t.Errorf("-fix with nothing to fix: want exit 0 and silence, got %v", r)
	}
}

// -fix with a package that does not type-check fixes nothing, and says so;
// the healthy package is not rewritten behind the error.
func TestFixBrokenFixesNothing(t *testing.T) {
	dir := t.TempDir()
	copyDir(t, fixture(t, "broken"), dir)
	leaky := filepath.Join(dir, "leaky", "leaky.go")
	before := readFile(t, leaky)
	for _, args := range [][]string{{"-fix"}, {"-fix", "-diff"}} {
		r := run(t, dir, binary, append(args, "./...")...)
		if r.code != 1 || !strings.Contains(r.stderr, "cannot use \"not a transport\"") || !strings.Contains(r.stderr, "nothing fixed") {
			t.Errorf("%v: want exit 1, the type error and \"nothing fixed\", got %v", args, r)
		}
		if readFile(t, leaky) != before {
			t.Fatalf("%v rewrote leaky.go next to a package that does not type-check", args)
		}
	}
}

// A pattern that names no package is reported as the go command says it,
// exit 1, in every path; no "analysis skipped" for a package that does not
// exist.
func TestNoSuchPackage(t *testing.T) {
	s := incident(t, fixture(t, "incident"))
	noModule := t.TempDir()
	for _, tc := range []struct {
		dir  string
		args []string
		want string
	}{
		{s.dir, []string{"./nonexistent"}, "nonexistent: directory not found"},
		{s.dir, []string{"-json", "./nonexistent"}, "nonexistent: directory not found"},
		{s.dir, []string{"-fix", "./nonexistent"}, "nonexistent: directory not found"},
		{noModule, []string{"./..."}, "main module"},
		{noModule, []string{"."}, "go.mod file not found"},
	} {
		r := run(t, tc.dir, binary, tc.args...)
		if r.code != 1 || !strings.Contains(r.stderr, tc.want) || strings.Contains(r.stderr, "analysis skipped") {
			t.Errorf("%v in %s: want exit 1 and %q, without \"analysis skipped\", got %v", tc.args, tc.dir, tc.want, r)
		}
	}
}

// -json exits 1 when a package does not load or type-check, as go vet
// -json does, and 0 with findings (they are in the output).
func TestJSONExitStatus(t *testing.T) {
	if r := run(t, fixture(t, "broken"), binary, "-json", "./..."); r.code != 1 {
		t.Errorf("-json with a package that does not type-check: want exit 1, got %v", r)
	}
	if r := run(t, fixture(t, "incident"), binary, "-json", "./..."); r.code != 0 || !strings.Contains(r.stdout, "no-idle-timeout") {
		t.Errorf("-json with findings: want exit 0 and the findings, got %v", r)
	}
}

// A cache that cannot be written is said once, in one line; the findings
// are the same.
func TestCacheUnwritableSaid(t *testing.T) {
	t.Parallel()
	s := incident(t, fixture(t, "incident"))
	want := run(t, s.dir, binary, "./...") // the tests' shared cache
	notDir := filepath.Join(t.TempDir(), "file")
	writeTestFile(t, notDir, "not a directory\n")
	r := runEnv(t, withCache(notDir), s.dir, binary, "./...")
	line := regexp.MustCompile(`(?m)^keepalivelint: analysis cache off: .*not a directory.*\n`)
	if n := len(line.FindAllString(r.stderr, -1)); n != 1 {
		t.Errorf("KEEPALIVELINT_CACHE=<a file>: want one line saying the cache is off, got %d: %v", n, r)
	}
	if r.code != want.code || line.ReplaceAllString(r.stderr, "") != want.stderr {
		t.Errorf("KEEPALIVELINT_CACHE=<a file>: want the same findings, got %v", r)
	}
	short(t, "KEEPALIVELINT_CACHE=off is another cold analysis")
	if r := runEnv(t, withCache("off"), s.dir, binary, "./..."); strings.Contains(r.stderr, "cache off") {
		t.Errorf("KEEPALIVELINT_CACHE=off is the user's choice: want no line, got %v", r)
	}
}
