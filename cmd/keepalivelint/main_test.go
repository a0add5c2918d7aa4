package main

// These tests build the command and run it the two ways users do, on the
// example module testdata/incident (its own go.mod, no requires, so nothing
// is downloaded): standalone, where the driver is x/tools' singlechecker, and
// as go vet's -vettool, where it is unitchecker. The exit statuses asserted
// are those of golang.org/x/tools v0.52 (go/analysis/internal/checker):
//
//	0  no findings (and always with -json, and after -fix / -fix -diff)
//	1  a package failed to load or type-check, or the analysis failed
//	2  a usage error: bad flag value or combination (checkArgs, flag package)
//	3  findings
//
// go vet itself exits 1 on findings and on errors.

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/keepalivelint/keepalivelint/analyzer"
	"github.com/keepalivelint/keepalivelint/internal/testgc"
)

// binary is the keepalivelint command built by TestMain, once for all
// tests, which run it in parallel.
var binary string

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "keepalivelint-cmd-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	binary = filepath.Join(dir, "keepalivelint")
	// The analysis cache of the tests' runs: their own, not the user's,
	// kept between test runs (testCache). Tests of the cache itself
	// give each run a cache of their own (withCache).
	os.Setenv("KEEPALIVELINT_CACHE", testCache(dir))
	// A cold run type-checks net/http from source (testgc).
	testgc.ForThroughput()
	out, err := exec.Command("go", "build", "-o", binary, ".").CombinedOutput()
	if err != nil {
		fmt.Fprintf(os.Stderr, "go build: %v\n%s", err, out)
		os.RemoveAll(dir)
		os.Exit(1)
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// testCache is the analysis cache the tests share: cmd-tests under
// $KEEPALIVELINT_CACHE, or under keepalivelint in os.UserCacheDir() (where
// the integration tests keep their builds), else under tmp, which goes
// with the test process. Its entries are keyed by the binary's hash, so a
// later test run reuses the standard library's analysis instead of
// repeating it, and never the results of another build. No test that
// shares it asserts what a cold cache does.
func testCache(tmp string) string {
	if dir := os.Getenv("KEEPALIVELINT_CACHE"); dir != "" && dir != "off" {
		return filepath.Join(dir, "cmd-tests")
	}
	if dir, err := os.UserCacheDir(); err == nil {
		return filepath.Join(dir, "keepalivelint", "cmd-tests")
	}
	return filepath.Join(tmp, "cache")
}

// short skips t under -short: the quick suite (go test -short ./...) keeps
// one test of each path of the command and leaves the rest to the full
// suite CI runs.
func short(t *testing.T, why string) {
	t.Helper()
	if testing.Short() {
		t.Skipf("%s; skipped with -short", why)
	}
}

// result is what one run of a command left behind.
type result struct {
	code           int
	stdout, stderr string
}

func (r result) String() string {
	return fmt.Sprintf("exit status %d\n--- stdout:\n%s--- stderr:\n%s", r.code, r.stdout, r.stderr)
}

// run runs name with args in dir and returns its exit status and output.
func run(t *testing.T, dir, name string, args ...string) result {
	t.Helper()
	return runEnv(t, nil, dir, name, args...)
}

// withCache is the environment of a run with the analysis cache at dir
// (or "off"): tests that run in parallel cannot set it with t.Setenv.
func withCache(dir string) []string { return []string{"KEEPALIVELINT_CACHE=" + dir} }

// runEnv is run with env added to the test process's environment.
func runEnv(t *testing.T, env []string, dir, name string, args ...string) result {
	t.Helper()
	cmd := exec.Command(name, args...)
	cmd.Dir = dir
	cmd.Env = append(append(os.Environ(), "GOWORK=off"), env...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	r := result{stdout: stdout.String(), stderr: stderr.String()}
	var exit *exec.ExitError
	switch {
	case err == nil:
	case errors.As(err, &exit):
		r.code = exit.ExitCode()
	default:
		t.Fatalf("%s %s: %v", name, strings.Join(args, " "), err)
	}
	t.Logf("%s %s (in %s): exit %d", filepath.Base(name), strings.Join(args, " "), dir, r.code)
	return r
}

func fixture(t *testing.T, name string) string {
	t.Helper()
	dir, err := filepath.Abs(filepath.Join("..", "..", "testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return dir
}

// lineOf returns the 1-based number of the line of file that contains
// marker, which must occur once.
func lineOf(t *testing.T, file, marker string) int {
	t.Helper()
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	if n := bytes.Count(data, []byte(marker)); n != 1 {
		t.Fatalf("%s: marker %q occurs %d times, want 1", file, marker, n)
	}
	i := bytes.Index(data, []byte(marker))
	return 1 + bytes.Count(data[:i], []byte("\n"))
}

// finding is a diagnostic in text form: file:line:col: message.
type finding struct {
	file    string // base name
	line    int
	message string
}

var findingRE = regexp.MustCompile(`(?m)^(\S+\.go):(\d+):\d+: (.*)$`)

// findings extracts the diagnostics and errors printed in text form.
func findings(out string) []finding {
	var fs []finding
	for _, m := range findingRE.FindAllStringSubmatch(out, -1) {
		var line int
		fmt.Sscan(m[2], &line)
		fs = append(fs, finding{filepath.Base(m[1]), line, m[3]})
	}
	return fs
}

func hasFinding(fs []finding, file string, line int, prefix string) bool {
	for _, f := range fs {
		if f.file == file && f.line == line && strings.HasPrefix(f.message, prefix) {
			return true
		}
	}
	return false
}

func countIn(fs []finding, file string) int {
	n := 0
	for _, f := range fs {
		if f.file == file {
			n++
		}
	}
	return n
}

// The sites of the example module.
type sites struct {
	dir                       string
	schedulerLine, ledgerLine int
}

func incident(t *testing.T, dir string) sites {
	return sites{
		dir:           dir,
		schedulerLine: lineOf(t, filepath.Join(dir, "scheduler", "scheduler.go"), "Transport: &http.Transport{"),
		ledgerLine:    lineOf(t, filepath.Join(dir, "ledger", "ledger.go"), "Transport: &http.Transport{"),
	}
}

const noIdleTimeout = "http.Transport has no IdleConnTimeout"

func TestStandaloneFindings(t *testing.T) {
	t.Parallel()
	s := incident(t, fixture(t, "incident"))
	r := run(t, s.dir, binary, "./...")
	if r.code != 3 {
		t.Fatalf("want exit status 3 (findings), got %v", r)
	}
	fs := findings(r.stderr)
	if !hasFinding(fs, "scheduler.go", s.schedulerLine, noIdleTimeout) {
		t.Errorf("no %q finding at scheduler.go:%d; got %v", noIdleTimeout, s.schedulerLine, r)
	}
	if !hasFinding(fs, "ledger.go", s.ledgerLine, "") {
		t.Errorf("no finding at ledger.go:%d (400s against the default 350s); got %v", s.ledgerLine, r)
	}
	if n := countIn(fs, "safe.go"); n != 0 {
		t.Errorf("%d findings in safe.go, want none: %v", n, r)
	}
	if strings.TrimSpace(r.stdout) != "" {
		t.Errorf("diagnostics belong on stderr; stdout: %q", r.stdout)
	}
}

// jsonDiag is one diagnostic of -json output.
type jsonDiag struct {
	Category string `json:"category"`
	Posn     string `json:"posn"`
	Message  string `json:"message"`
	Fixes    []struct {
		Message string `json:"message"`
		Edits   []struct {
			New string `json:"new"`
		} `json:"edits"`
	} `json:"suggested_fixes"`
}

// parseJSON decodes -json output: package -> analyzer -> diagnostics, or
// an {"error": ...} object for a package that could not be analyzed.
func parseJSON(t *testing.T, out string) (diags map[string][]jsonDiag, errs map[string]string) {
	t.Helper()
	var tree map[string]map[string]json.RawMessage
	if err := json.Unmarshal([]byte(out), &tree); err != nil {
		t.Fatalf("-json output: %v\n%s", err, out)
	}
	diags, errs = map[string][]jsonDiag{}, map[string]string{}
	for pkg, byAnalyzer := range tree {
		raw, ok := byAnalyzer["keepalivelint"]
		if !ok {
			continue
		}
		var e struct {
			Error string `json:"error"`
		}
		if json.Unmarshal(raw, &e) == nil && e.Error != "" {
			errs[pkg] = e.Error
			continue
		}
		var ds []jsonDiag
		if err := json.Unmarshal(raw, &ds); err != nil {
			t.Fatalf("%s: %v\n%s", pkg, err, raw)
		}
		diags[pkg] = ds
	}
	return diags, errs
}

func TestJSONCategoriesAndFix(t *testing.T) {
	t.Parallel()
	s := incident(t, fixture(t, "incident"))
	r := run(t, s.dir, binary, "-json", "./...")
	if r.code != 0 {
		t.Fatalf("with -json the exit status is 0 even with findings; got %v", r)
	}
	diags, errs := parseJSON(t, r.stdout)
	if len(errs) > 0 {
		t.Errorf("errors: %v", errs)
	}
	sched := diags["example.com/incident/scheduler"]
	if len(sched) != 1 || sched[0].Category != "no-idle-timeout" || !strings.HasPrefix(sched[0].Message, noIdleTimeout) {
		t.Fatalf("scheduler: want one no-idle-timeout diagnostic, got %+v", sched)
	}
	if !strings.Contains(sched[0].Posn, fmt.Sprintf("scheduler.go:%d:", s.schedulerLine)) {
		t.Errorf("scheduler diagnostic at %s, want line %d", sched[0].Posn, s.schedulerLine)
	}
	var edits string
	for _, f := range sched[0].Fixes {
		for _, e := range f.Edits {
			edits += e.New
		}
	}
	if !regexp.MustCompile(`IdleConnTimeout:\s+90 \* time\.Second`).MatchString(edits) {
		t.Errorf("suggested fix does not insert IdleConnTimeout: 90 * time.Second; edits: %q", edits)
	}
	ledger := diags["example.com/incident/ledger"]
	if len(ledger) != 1 || ledger[0].Category != "idle-timeout-too-long" {
		t.Errorf("ledger: want one idle-timeout-too-long diagnostic, got %+v", ledger)
	}
	if d := diags["example.com/incident/safe"]; len(d) != 0 {
		t.Errorf("safe: want no diagnostic, got %+v", d)
	}
}

// -c N prints the offending line with N lines of context.
func TestContextLines(t *testing.T) {
	t.Parallel()
	s := incident(t, fixture(t, "incident"))
	r := run(t, s.dir, binary, "-c", "1", "./scheduler")
	want := fmt.Sprintf("%d\t\tTransport: &http.Transport{\n", s.schedulerLine)
	if r.code != 3 || !strings.Contains(r.stderr, want) || !strings.Contains(r.stderr, fmt.Sprintf("%d\t", s.schedulerLine-1)) {
		t.Errorf("-c 1: want exit status 3 and lines %d-%d of scheduler.go, got %v", s.schedulerLine-1, s.schedulerLine+1, r)
	}
}

func TestCleanPackageExitsZero(t *testing.T) {
	t.Parallel()
	s := incident(t, fixture(t, "incident"))
	if r := run(t, s.dir, binary, "./safe"); r.code != 0 || findings(r.stderr) != nil {
		t.Errorf("./safe: want exit status 0 and no output, got %v", r)
	}
}

// -max-idle changes the verdict: 400s is too long for an AWS NAT Gateway
// (the default, 350s) but fine behind Google Cloud NAT (1200s).
func TestMaxIdleChangesVerdict(t *testing.T) {
	t.Parallel()
	s := incident(t, fixture(t, "incident"))
	for _, args := range [][]string{{"-max-idle=gcp-nat"}, {"-max-idle", "1200s"}, {"--max-idle=GCP-NAT"}} {
		if testing.Short() && args[0] != "-max-idle=gcp-nat" {
			continue // the same limit spelled otherwise: another cold analysis
		}
		r := run(t, s.dir, binary, append(args, "./...")...)
		fs := findings(r.stderr)
		if r.code != 3 || !hasFinding(fs, "scheduler.go", s.schedulerLine, noIdleTimeout) {
			t.Errorf("%v: scheduler.go must still be reported (exit 3); got %v", args, r)
		}
		if countIn(fs, "ledger.go") != 0 {
			t.Errorf("%v: ledger.go (400s) must be quiet behind a 1200s NAT; got %v", args, r)
		}
	}
	r := run(t, s.dir, binary, "-max-idle=aws-alb", "./ledger")
	if r.code != 3 {
		t.Errorf("-max-idle=aws-alb ./ledger: want exit status 3, got %v", r)
	}
}

func TestFixDiff(t *testing.T) {
	t.Parallel()
	s := incident(t, fixture(t, "incident"))
	before := readFile(t, filepath.Join(s.dir, "scheduler", "scheduler.go"))
	r := run(t, s.dir, binary, "-fix", "-diff", "./scheduler")
	if r.code != 0 {
		t.Fatalf("-fix -diff: want exit status 0 (fixes shown, not errors), got %v", r)
	}
	if !strings.Contains(r.stdout, "--- "+filepath.Join(s.dir, "scheduler", "scheduler.go")+" (old)") {
		t.Errorf("-diff output has no header for scheduler.go:\n%s", r.stdout)
	}
	if !regexp.MustCompile(`(?m)^\+\s+IdleConnTimeout:\s+90 \* time\.Second,$`).MatchString(r.stdout) {
		t.Errorf("-diff output does not insert IdleConnTimeout: 90 * time.Second:\n%s", r.stdout)
	}
	if after := readFile(t, filepath.Join(s.dir, "scheduler", "scheduler.go")); after != before {
		t.Errorf("-fix -diff modified the example module")
	}

	// -fix-idle chooses the inserted value.
	short(t, "go vet -fix over every dependency for another flag set")
	r = run(t, s.dir, binary, "-fix", "-diff", "-fix-idle=45s", "./scheduler")
	if !regexp.MustCompile(`(?m)^\+\s+IdleConnTimeout:\s+45 \* time\.Second,$`).MatchString(r.stdout) {
		t.Errorf("-fix-idle=45s: -diff output does not insert 45 * time.Second:\n%v", r)
	}
}

// -fix applies the fix to a copy of the example module; the fixed package
// is then clean and still builds.
func TestFixApplies(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	copyDir(t, fixture(t, "incident"), dir)
	if r := run(t, dir, binary, "-fix", "./scheduler"); r.code != 0 {
		t.Fatalf("-fix: want exit status 0, got %v", r)
	}
	src := readFile(t, filepath.Join(dir, "scheduler", "scheduler.go"))
	if !regexp.MustCompile(`IdleConnTimeout:\s+90 \* time\.Second,`).MatchString(src) {
		t.Errorf("fixed scheduler.go has no IdleConnTimeout: 90 * time.Second:\n%s", src)
	}
	if r := run(t, dir, binary, "./scheduler"); r.code != 0 {
		t.Errorf("after -fix: want exit status 0, got %v", r)
	}
	if r := run(t, dir, "go", "build", "./..."); r.code != 0 {
		t.Errorf("fixed module does not build: %v", r)
	}
}

func TestUsageErrors(t *testing.T) {
	t.Parallel()
	s := incident(t, fixture(t, "incident"))
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"-max-idle=aws-natgw"}, `invalid idle limit "aws-natgw"`},
		{[]string{"-max-idle", "5 minutes"}, `invalid idle limit "5 minutes"`},
		{[]string{"-max-idle=-350s"}, `invalid idle limit "-350s"`},
		{[]string{"-max-idle=0"}, `invalid idle limit "0"`},
	} {
		r := run(t, s.dir, binary, append(tc.args, "./...")...)
		if r.code != 2 {
			t.Errorf("%v: want exit status 2, got %v", tc.args, r)
		}
		if !strings.Contains(r.stderr, tc.want) {
			t.Errorf("%v: stderr does not contain %q: %v", tc.args, tc.want, r)
		}
		for _, p := range analyzer.Presets {
			if !strings.Contains(r.stderr, p.Name) {
				t.Errorf("%v: the error does not list preset %s: %v", tc.args, p.Name, r)
			}
		}
		if strings.Contains(r.stderr, "Usage:") || strings.Count(strings.TrimSpace(r.stderr), "\n") > 0 {
			t.Errorf("%v: want a one-line error, got %v", tc.args, r)
		}
	}
	for _, tc := range []struct {
		args []string
		want string
	}{
		// The default -max-idle is 350s: a fix of 400s would not help.
		// Errors name the flags with their dash, and the values as written.
		{[]string{"-fix-idle=400s"}, "keepalivelint: -fix-idle=400s must be below -max-idle (350s by default)"},
		{[]string{"-max-idle=aws-alb", "-fix-idle=90s"}, "-fix-idle=90s must be below -max-idle=aws-alb (60s)"},
		{[]string{"-max-idle", "6m", "-fix-idle", "7m"}, "-fix-idle=7m must be below -max-idle=6m:"},
		{[]string{"-fix-idle=soon"}, `-fix-idle: invalid fix idle timeout "soon"`},
		{[]string{"-skip-pkgs=("}, "-skip-pkgs: invalid regexp"},
	} {
		r := run(t, s.dir, binary, append(tc.args, "./...")...)
		if r.code != 2 || !strings.Contains(r.stderr, tc.want) {
			t.Errorf("%v: want exit status 2 and %q, got %v", tc.args, tc.want, r)
		}
	}
	// A valid combination: -max-idle=aws-alb alone fixes with 30s.
	short(t, "go vet -fix over every dependency for another flag set")
	if r := run(t, s.dir, binary, "-max-idle=aws-alb", "-fix", "-diff", "./scheduler"); r.code != 0 ||
		!regexp.MustCompile(`(?m)^\+\s+IdleConnTimeout:\s+30 \* time\.Second,$`).MatchString(r.stdout) {
		t.Errorf("-max-idle=aws-alb -fix -diff: want exit 0 and a 30s fix, got %v", r)
	}
}

// A package that does not type-check is reported the way go vet reports
// it, exit status 1, and the other packages are still analyzed.
func TestBrokenPackage(t *testing.T) {
	t.Parallel()
	dir := fixture(t, "broken")
	leakyLine := lineOf(t, filepath.Join(dir, "leaky", "leaky.go"), "&http.Transport{}")
	typeErrLine := lineOf(t, filepath.Join(dir, "typeerr", "typeerr.go"), `"not a transport"`)

	r := run(t, dir, binary, "./...")
	if r.code != 1 {
		t.Errorf("want exit status 1 (errors), got %v", r)
	}
	fs := findings(r.stderr)
	if !hasFinding(fs, "typeerr.go", typeErrLine, `cannot use "not a transport"`) {
		t.Errorf("type error of typeerr.go:%d not reported: %v", typeErrLine, r)
	}
	if !hasFinding(fs, "leaky.go", leakyLine, noIdleTimeout) {
		t.Errorf("leaky.go:%d not analyzed next to the broken package: %v", leakyLine, r)
	}

	r = run(t, dir, "go", "vet", "-vettool="+binary, "./...")
	if r.code == 0 {
		t.Errorf("go vet: want a non-zero exit status, got %v", r)
	}
	fs = findings(r.stderr)
	if !hasFinding(fs, "typeerr.go", typeErrLine, `cannot use "not a transport"`) {
		t.Errorf("go vet: type error of typeerr.go:%d not reported: %v", typeErrLine, r)
	}
	if !hasFinding(fs, "leaky.go", leakyLine, noIdleTimeout) {
		t.Errorf("go vet: leaky.go:%d not analyzed next to the broken package: %v", leakyLine, r)
	}
}

func TestGoVet(t *testing.T) {
	t.Parallel()
	short(t, "runs go vet 7 times, with 4 flag sets it has not cached")
	s := incident(t, fixture(t, "incident"))
	vet := func(args ...string) result {
		return run(t, s.dir, "go", append([]string{"vet", "-vettool=" + binary}, args...)...)
	}

	r := vet("./...")
	if r.code == 0 {
		t.Fatalf("go vet: want a non-zero exit status on findings, got %v", r)
	}
	fs := findings(r.stderr)
	if !hasFinding(fs, "scheduler.go", s.schedulerLine, noIdleTimeout) || !hasFinding(fs, "ledger.go", s.ledgerLine, "") {
		t.Errorf("go vet: want findings in scheduler.go:%d and ledger.go:%d, got %v", s.schedulerLine, s.ledgerLine, r)
	}
	if countIn(fs, "safe.go") != 0 {
		t.Errorf("go vet: findings in safe.go: %v", r)
	}

	// go vet passes the analyzer's flags through.
	r = vet("-max-idle=gcp-nat", "./...")
	fs = findings(r.stderr)
	if r.code == 0 || !hasFinding(fs, "scheduler.go", s.schedulerLine, noIdleTimeout) || countIn(fs, "ledger.go") != 0 {
		t.Errorf("go vet -max-idle=gcp-nat: want scheduler.go reported and ledger.go quiet, got %v", r)
	}

	if r := vet("./safe"); r.code != 0 || strings.TrimSpace(r.stderr) != "" {
		t.Errorf("go vet ./safe: want exit status 0 and no output, got %v", r)
	}

	// A bad value is one line per package go vet reports on, not the
	// usage text for every dependency.
	for _, arg := range []string{"-max-idle=aws-natgw", "-fix-idle=400s"} {
		r := vet(arg, "./...")
		if r.code == 0 {
			t.Errorf("go vet %s: want a non-zero exit status, got %v", arg, r)
		}
		if strings.Contains(r.stderr, "Usage:") || strings.Contains(r.stderr, "exit status") {
			t.Errorf("go vet %s: want a one-line error per package, got %v", arg, r)
		}
		// go vet heads each package's output with "# path": one line
		// under each, for each package it ran the tool on.
		pkgs := strings.Count(r.stderr, "# example.com/incident")
		if n := strings.Count(r.stderr, "keepalivelint: "); pkgs < 3 || n != pkgs {
			t.Errorf("go vet %s: want the error once for each package (%d), got %d: %v", arg, pkgs, n, r)
		}
	}
	if r := vet("-max-idle=aws-natgw", "./..."); !strings.Contains(r.stderr, "aws-nat, aws-nlb") {
		t.Errorf("go vet: the error does not list the presets: %v", r)
	}
}

// go vet asks the tool for its version (-V=full) and flags (-flags).
func TestVetProtocol(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	r := run(t, dir, binary, "-V=full")
	if r.code != 0 || !strings.HasPrefix(r.stdout, "keepalivelint version ") || !strings.Contains(r.stdout, " buildID=") {
		t.Errorf("-V=full: got %v", r)
	}
	for _, name := range []string{"explain", "version"} {
		if strings.Contains(run(t, dir, binary, "-flags").stdout, `"`+name+`"`) {
			t.Errorf("-flags lists -%s: go vet would accept it and pass it to every unit", name)
		}
	}
	r = run(t, dir, binary, "-flags")
	var flags []struct{ Name string }
	if err := json.Unmarshal([]byte(r.stdout), &flags); err != nil {
		t.Fatalf("-flags: %v: %v", err, r)
	}
	have := map[string]bool{}
	for _, f := range flags {
		have[f.Name] = true
	}
	for _, name := range []string{"max-idle", "fix-idle", "report-tests", "tests", "skip-pkgs", "strict", "V"} {
		if !have[name] {
			t.Errorf("-flags does not list %s: %s", name, r.stdout)
		}
	}
}

func TestParseArgs(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		args     []string
		ok       bool
		packages []string
	}{
		{nil, true, nil},
		{[]string{"./..."}, true, []string{"./..."}},
		{[]string{"-max-idle=aws-alb", "./..."}, true, []string{"./..."}},
		{[]string{"--max-idle", "azure-lb", "-fix-idle", "60s", "./..."}, true, []string{"./..."}},
		{[]string{"-c", "2", "-max-idle=gcp-nat", "-fix-idle=10m", "./..."}, true, []string{"./..."}},
		{[]string{"-strict", "-report-tests", "-tests=false", "-skip-pkgs=", "./..."}, true, []string{"./..."}},
		{[]string{"-debug", "f", "-tags", "x", "a", "b"}, true, []string{"a", "b"}},
		{[]string{"-max-idle=aws-alb"}, true, nil},
		{[]string{"-max-idle"}, false, nil},
		{[]string{"-max-idle=aws"}, false, nil},
		{[]string{"-max-idle=gcp-nat", "-fix-idle=30m"}, false, nil},
		{[]string{"-skip-pkgs=[", "./..."}, false, nil},
		{[]string{"--", "-max-idle=nonsense"}, true, []string{"-max-idle=nonsense"}},
	} {
		cl, err := parseArgs(tc.args)
		if (err == nil) != tc.ok {
			t.Errorf("parseArgs(%q) = %v, want ok=%v", tc.args, err, tc.ok)
		}
		if tc.ok && !slices.Equal(cl.packages, tc.packages) {
			t.Errorf("parseArgs(%q): packages %q, want %q", tc.args, cl.packages, tc.packages)
		}
	}
}

func readFile(t *testing.T, name string) string {
	t.Helper()
	data, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

func copyDir(t *testing.T, from, to string) {
	t.Helper()
	err := filepath.WalkDir(from, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(from, path)
		target := filepath.Join(to, rel)
		if d.IsDir() {
			return os.MkdirAll(target, 0o755)
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		return os.WriteFile(target, data, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
}

// testCode is the example module testdata/pingtest: a production module
// named pingtest with a production package named latest, next to test
// code that is not in _test.go files.
func testCode(t *testing.T) (dir string, lines map[string]int) {
	dir = fixture(t, "pingtest")
	marker := "&http.Transport{}"
	lines = map[string]int{}
	for _, f := range []string{"pingtest.go", "latest/latest.go", "internal/testutil/testutil.go", "fakes/fakes.go", "e2e-tests/e2e.go", "fakes/directive.go"} {
		lines[filepath.Base(f)] = lineOf(t, filepath.Join(dir, f), marker)
	}
	return dir, lines
}

// Production code is reported whatever its name ends with; test code is
// recognised by what it imports or by an exact test-helper name, and kept
// quiet unless -report-tests; the same through go vet.
func TestTestCodeByWhatItIs(t *testing.T) {
	t.Parallel()
	dir, lines := testCode(t)
	for _, tc := range []struct {
		name string
		cmd  []string
		want int // exit status
	}{
		{"standalone", []string{binary, "./..."}, 3},
		{"go vet", []string{"go", "vet", "-vettool=" + binary, "./..."}, 1},
	} {
		r := run(t, dir, tc.cmd[0], tc.cmd[1:]...)
		fs := findings(r.stderr)
		if r.code != tc.want {
			t.Errorf("%s: want exit status %d, got %v", tc.name, tc.want, r)
		}
		for _, f := range []string{"pingtest.go", "latest.go"} {
			if !hasFinding(fs, f, lines[f], noIdleTimeout) {
				t.Errorf("%s: production code %s:%d not reported: %v", tc.name, f, lines[f], r)
			}
		}
		if !hasFinding(fs, "directive.go", lines["directive.go"], "malformed directive") ||
			!hasFinding(fs, "directive.go", lines["directive.go"], noIdleTimeout) {
			t.Errorf("%s: // keepalivelint:ignore (with a space) must be reported as malformed, and suppress nothing: %v", tc.name, r)
		}
		for _, f := range []string{"testutil.go", "fakes.go", "e2e.go"} {
			if countIn(fs, f) != 0 {
				t.Errorf("%s: test code %s reported: %v", tc.name, f, r)
			}
		}
	}
	for _, flag := range []string{"-report-tests", "-tests"} {
		r := run(t, dir, binary, flag, "./...")
		fs := findings(r.stderr)
		for _, f := range []string{"testutil.go", "fakes.go", "e2e.go"} {
			if !hasFinding(fs, f, lines[f], noIdleTimeout) {
				t.Errorf("%s: test code %s:%d not reported: %v", flag, f, lines[f], r)
			}
		}
	}
}

// Each finding ends with its rule, which -explain explains.
func TestRuleInText(t *testing.T) {
	t.Parallel()
	s := incident(t, fixture(t, "incident"))
	r := run(t, s.dir, binary, "./...")
	fs := findings(r.stderr)
	if len(fs) == 0 {
		t.Fatalf("no findings: %v", r)
	}
	for _, f := range fs {
		rule := regexp.MustCompile(` \(([a-z0-9-]+)\)$`).FindStringSubmatch(f.message)
		if rule == nil || !slices.Contains(analyzer.Rules(), rule[1]) {
			t.Errorf("%s:%d: the message does not end with its rule: %s", f.file, f.line, f.message)
		}
	}
}

// -explain prints every rule's documentation, as doc.go has it, and exits
// 0; an unknown rule is a usage error listing the rules.
func TestExplain(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	for _, rule := range analyzer.Rules() {
		want, err := analyzer.Explain(rule)
		if err != nil {
			t.Fatal(err)
		}
		for _, args := range [][]string{{"-explain", rule}, {"-explain=" + rule}} {
			r := run(t, dir, binary, args...)
			if r.code != 0 || r.stdout != want || r.stderr != "" {
				t.Errorf("%v: want exit 0 and the rule's documentation on stdout, got %v", args, r)
			}
		}
		if !strings.Contains(want, "Fix:") || !strings.Contains(want, analyzer.RuleURL(rule)) {
			t.Errorf("-explain %s: no fix or URL:\n%s", rule, want)
		}
	}
	for _, args := range [][]string{{"-explain", "no-idle"}, {"-explain"}} {
		r := run(t, dir, binary, args...)
		if r.code != 2 || !strings.Contains(r.stderr, "no-idle-timeout, keepalive-disabled") {
			t.Errorf("%v: want exit 2 and the list of rules, got %v", args, r)
		}
	}
}

// -version and -V=full print the module version from the build info:
// (devel) in a checkout built with -buildvcs=false, a pseudo-version when
// the build stamps VCS information (a tagged version is tested in
// integration/version_test.go).
func TestVersion(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	r := run(t, dir, binary, "-version")
	m := regexp.MustCompile(`^keepalivelint version (\S+) (go\S+)\n$`).FindStringSubmatch(r.stdout)
	if r.code != 0 || m == nil {
		t.Fatalf("-version: want exit 0 and keepalivelint version VERSION GOVERSION, got %v", r)
	}
	out, err := exec.Command("go", "version", "-m", binary).Output()
	if err != nil {
		t.Fatal(err)
	}
	if want := regexp.MustCompile(`(?m)^\tmod\tgithub.com/keepalivelint/keepalivelint\t(\S+)`).FindSubmatch(out); want == nil || m[1] != string(want[1]) {
		t.Errorf("-version says %s; go version -m says:\n%s", m[1], out)
	}
	full := run(t, dir, binary, "-V=full")
	if full.code != 0 || !strings.HasPrefix(full.stdout, strings.TrimSuffix(r.stdout, "\n")+" buildID=") {
		t.Errorf("-V=full does not say what -version says (%q): %v", r.stdout, full)
	}
}

// go vet keys its cache with the tool's -V=full output: a second run on a
// clean package does not run the tool again, and a different binary does.
func TestGoVetCache(t *testing.T) {
	t.Parallel()
	short(t, "runs go vet with 2 binaries it has not cached: net/http's dependencies analyzed twice")
	s := incident(t, fixture(t, "incident"))
	tools := t.TempDir()
	// A copy with a byte appended: a binary no earlier run has cached.
	data, err := os.ReadFile(binary)
	if err != nil {
		t.Fatal(err)
	}
	tool := filepath.Join(tools, "keepalivelint")
	if err := os.WriteFile(tool, append(data, byte(os.Getpid())), 0o755); err != nil {
		t.Fatal(err)
	}
	// The wrapper go vet runs logs each unit it is asked to analyze.
	log := filepath.Join(tools, "units.log")
	wrapper := filepath.Join(tools, "vettool")
	script := "#!/bin/sh\ncase \"$*\" in *.cfg) echo unit >>" + log + ";; esac\nexec " + tool + " \"$@\"\n"
	if err := os.WriteFile(wrapper, []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	units := func() int {
		data, _ := os.ReadFile(log)
		return strings.Count(string(data), "unit")
	}
	if r := run(t, s.dir, "go", "vet", "-vettool="+wrapper, "./safe"); r.code != 0 {
		t.Fatalf("go vet ./safe: %v", r)
	}
	first := units()
	if first == 0 {
		t.Fatal("go vet did not run the tool")
	}
	if r := run(t, s.dir, "go", "vet", "-vettool="+wrapper, "./safe"); r.code != 0 {
		t.Fatalf("go vet ./safe: %v", r)
	}
	if n := units(); n != first {
		t.Errorf("the second go vet ran the tool on %d units; want none (cached)", n-first)
	}
	// Another binary, another ID: analyzed again.
	if err := os.WriteFile(tool, append(data, byte(os.Getpid()+1)), 0o755); err != nil {
		t.Fatal(err)
	}
	run(t, s.dir, "go", "vet", "-vettool="+wrapper, "./safe")
	if units() == first {
		t.Errorf("go vet reused results of another binary")
	}
}

// Without a package, a short usage: what it does, the common flags, where
// the documentation is; -help prints everything, and its first line does
// not repeat the tool's name.
func TestUsage(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	for _, args := range [][]string{nil, {"-max-idle=aws-alb"}, {"-report-tests"}} {
		r := run(t, dir, binary, args...)
		if r.code != 2 || r.stdout != "" {
			t.Errorf("%v: want exit 2 and the usage on stderr, got %v", args, r)
		}
		for _, want := range []string{
			"keepalivelint: report connection pools", "Usage: keepalivelint [-flag] package ...",
			"-max-idle", "aws-alb", "-fix -diff", "-explain RULE", "-version",
			"-help", analyzer.DocURL,
		} {
			if !strings.Contains(r.stderr, want) {
				t.Errorf("%v: the usage does not mention %q: %v", args, want, r)
			}
		}
		if n := strings.Count(r.stderr, "\n"); n > 30 {
			t.Errorf("%v: the usage has %d lines, want a short one: %v", args, n, r)
		}
	}
	r := run(t, dir, binary, "-help")
	first, _, _ := strings.Cut(r.stderr, "\n")
	if r.code != 0 || first != "keepalivelint: report connection pools whose idle connections can outlive a NAT or load balancer" {
		t.Errorf("-help: want exit 0 and the summary on the first line, got %q: %v", first, r)
	}
	for _, want := range []string{
		"-max-idle duration", "(default 350s)", "-report-tests", "deprecated: use -report-tests",
		"keepalivelint -explain RULE", "keepalivelint -version", "unused-ignore",
	} {
		if !strings.Contains(r.stderr, want) {
			t.Errorf("-help does not show %q: %v", want, r)
		}
	}
	if r := run(t, dir, binary, "-bogus", "./..."); r.code != 2 || !strings.Contains(r.stderr, "flag provided but not defined: -bogus") ||
		strings.Contains(r.stderr, "-cpuprofile") {
		t.Errorf("-bogus: want exit 2, the error and the short usage, got %v", r)
	}
}

// driverValueFlags lists every flag of the driver that takes a value, as
// its -help shows them ("-c int"), so that parseArgs does not take their
// value for a package.
func TestDriverValueFlags(t *testing.T) {
	t.Parallel()
	r := run(t, t.TempDir(), binary, "-help")
	own := map[string]bool{}
	cfg := analyzer.DefaultConfig()
	fs := flag.NewFlagSet("", flag.ContinueOnError)
	cfg.RegisterFlags(fs)
	fs.VisitAll(func(f *flag.Flag) { own[f.Name] = true })
	own["format"] = true // the command's own, read by parseArgs
	n := 0
	for _, m := range regexp.MustCompile(`(?m)^  -(\S+) (\S+)`).FindAllStringSubmatch(r.stderr, -1) {
		n++
		if !own[m[1]] && !slices.Contains(driverValueFlags, m[1]) {
			t.Errorf("the driver's -%s takes a %s; add it to driverValueFlags", m[1], m[2])
		}
	}
	if n < len(driverValueFlags) {
		t.Errorf("found %d flags with values in -help, want at least %d: %v", n, len(driverValueFlags), r)
	}
}

// The short usage lists every analysis flag but the deprecated ones: it
// is generated from the analyzer's flag set, so a new flag cannot be left
// out.
func TestShortUsageListsEveryFlag(t *testing.T) {
	r := run(t, t.TempDir(), binary)
	cfg := analyzer.DefaultConfig()
	fs := flag.NewFlagSet("", flag.ContinueOnError)
	cfg.RegisterFlags(fs)
	fs.VisitAll(func(f *flag.Flag) {
		if strings.HasPrefix(f.Usage, "deprecated") {
			return
		}
		if !regexp.MustCompile(`(?m)^  -` + regexp.QuoteMeta(f.Name) + `[= ]`).MatchString(r.stderr) {
			t.Errorf("the usage does not list -%s: %v", f.Name, r)
		}
	})
	for _, p := range analyzer.Presets {
		if !strings.Contains(r.stderr, " "+p.Name) {
			t.Errorf("the usage does not list the preset %s", p.Name)
		}
	}
}
