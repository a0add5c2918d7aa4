package analyzer_test

import (
	"path/filepath"
	"strings"
	"testing"
	"time"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/keepalivelint/keepalivelint/analyzer"
	"github.com/keepalivelint/keepalivelint/internal/testgc"
)

// TestMain runs the tests with the collector's pace for throughput
// (testgc): each analysistest run type-checks net/http from source.
func TestMain(m *testing.M) {
	testgc.ForThroughput()
	m.Run()
}

func testdata(t *testing.T) string {
	t.Helper()
	dir, err := filepath.Abs("../testdata")
	if err != nil {
		t.Fatal(err)
	}
	return dir
}

func newAnalyzer(t *testing.T, edit func(*analyzer.Config)) *analysis.Analyzer {
	t.Helper()
	cfg := analyzer.DefaultConfig()
	if edit != nil {
		edit(&cfg)
	}
	a, err := analyzer.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	return a
}

// The analysistest runs load their packages, net/http from source, each
// on its own: they run in parallel (go test -parallel, GOMAXPROCS by
// default). Under -short the checks that repeat other tests' loads for
// another property (message length, gofmt of fixes, golden files fixed)
// are skipped; the full suite runs them.

// TestPatterns runs each pattern's fixtures: positives carry a // want
// comment, negatives must stay silent.
func TestPatterns(t *testing.T) {
	t.Parallel()
	var patterns []string
	for _, pattern := range []string{
		"literal", "newzero", "clone", "assign", "factory", "http2", "http2config",
		"settings", "dialer", "quiet/...", "closedinfunc", "handoff", "ignore", "aliases", "dotimport",
		"latest", "example.com/acme/pingtest", "testsuffix/...", "testsupport", "testframework", "testonlycallers", "testfilecallers", "helpers/...",
		"vendored", "decoys/...", "doccomment", "generics", "buildtag",
		"sqllocal", "sqlfield", "sqlreturn", "sqlsetters", "sqlclosed", "sqlinprocess",
		"sqlx", "pgxstdlib", "sqldecoys", "github.com/jmoiron/sqlx",
		"grpcchan", "grpcoptvalues", "facts/...", "deferclosure", "nonetworkdial", "grpcloopback", "factorycallers",
		"flowbranch", "flowreturn", "flowsql", "guards", "guardsql", "grpcflow",
		"optdefaults", "optdefaultsinit", "optdefaultspkg", "servers", "serverfacts/...",
		"sqldrivername", "sqldriverimport", "sqldriverimportv4", "sqldriverold", "sqldriverconnector", "sqldriverdialector",
		"sqldriverfacts/...", "gormopen", "xormopen", "xormfork", "bunopen", "entopen",
		"optionloops", "deferprevious", "embeddedserver/...", "factorydefault/...", "factoryconfig/...",
		"flagdefaults", "pflagdefaults", "kingpindefaults", "clidefaults", "viperdefaults", "tagdefaults/...", "zerobuilds",
		"fasthttpservers", "fiberservers", "fiberv3servers",
	} {
		patterns = append(patterns, pattern)
	}
	// One load for all patterns: each analysistest.Run runs go list.
	analysistest.Run(t, testdata(t), newAnalyzer(t, nil), patterns...)
}

// TestStrict runs the fixtures of -strict, among them ignorestrict: -strict
// reports directives that suppress nothing. It also checks, on these and
// on two fixtures of default findings, that every diagnostic names its
// rule at the end of its message and links to the rule's documentation:
// one load of net/http for both (each analysistest.Run loads its own).
func TestStrict(t *testing.T) {
	t.Parallel()
	a := newAnalyzer(t, func(c *analyzer.Config) { c.Strict = true })
	results := analysistest.Run(t, testdata(t), a, "strict", "sqlstrict", "grpcstrict", "flowstrict", "serverstrict", "ignorestrict", "latest", "dialer")
	checkRuleInMessage(t, results)
}

func TestMaxIdlePreset(t *testing.T) {
	t.Parallel()
	limit, err := analyzer.ParseLimit("aws-alb")
	if err != nil {
		t.Fatal(err)
	}
	a := newAnalyzer(t, func(c *analyzer.Config) { c.MaxIdle = limit })
	analysistest.Run(t, testdata(t), a, "limits")
}

// TestBalancerIdle judges servers behind another balancer (envoy, 1h) and
// with the server rule off.
func TestBalancerIdle(t *testing.T) {
	t.Parallel()
	envoy, err := analyzer.ParseBalancerIdle("Envoy")
	if err != nil || envoy != time.Hour {
		t.Fatalf("ParseBalancerIdle(Envoy) = %v, %v; want 1h", envoy, err)
	}
	analysistest.Run(t, testdata(t), newAnalyzer(t, func(c *analyzer.Config) { c.BalancerIdle = envoy }), "serverlimits")
	off, err := analyzer.ParseBalancerIdle("off")
	if err != nil || off != 0 {
		t.Fatalf("ParseBalancerIdle(off) = %v, %v; want 0", off, err)
	}
	analysistest.Run(t, testdata(t), newAnalyzer(t, func(c *analyzer.Config) { c.BalancerIdle = off }), "serversoff")
}

func TestBalancerIdleParse(t *testing.T) {
	for _, bad := range []string{"", "alb", "-60s", "0s", "60"} {
		if _, err := analyzer.ParseBalancerIdle(bad); err == nil || !strings.Contains(err.Error(), "off") {
			t.Errorf("ParseBalancerIdle(%q): error %v, want one that lists the presets and off", bad, err)
		}
	}
	for lb, want := range map[time.Duration]time.Duration{
		60 * time.Second: 75 * time.Second, 90 * time.Second: 120 * time.Second,
		600 * time.Second: 750 * time.Second, time.Hour: 75 * time.Minute, time.Second: 16 * time.Second,
	} {
		if got := analyzer.ServerFixIdle(lb); got != want {
			t.Errorf("ServerFixIdle(%v) = %v, want %v", lb, got, want)
		}
	}
}

// TestReportTests checks that -report-tests reports in test code: _test.go
// files, test-support files and test-helper packages.
func TestReportTests(t *testing.T) {
	t.Parallel()
	a := newAnalyzer(t, func(c *analyzer.Config) { c.ReportTests = true })
	analysistest.Run(t, testdata(t), a, "testsflag/...")
}

// TestSkipPkgs checks the user's own pattern; by default nothing is
// skipped by name (the fixtures of TestPatterns).
func TestSkipPkgs(t *testing.T) {
	t.Parallel()
	a := newAnalyzer(t, func(c *analyzer.Config) { c.SkipPkgs = `(^|/)legacy(/|$)` })
	analysistest.Run(t, testdata(t), a, "skippkgs/...")
}

// checkRuleInMessage checks that every diagnostic of results names its
// rule at the end of its message and links to the rule's documentation.
func checkRuleInMessage(t *testing.T, results []*analysistest.Result) {
	t.Helper()
	n := 0
	for _, r := range results {
		for _, d := range r.Diagnostics {
			n++
			if want := analyzer.RuleURL(d.Category); d.URL != want {
				t.Errorf("%s: URL %q, want %q", d.Message, d.URL, want)
			}
			if !strings.HasSuffix(d.Message, " ("+d.Category+")") {
				t.Errorf("message does not end with its rule (%s): %s", d.Category, d.Message)
			}
		}
	}
	if n == 0 {
		t.Fatal("no diagnostics")
	}
}

// TestFixes checks every kind of suggested fix against its .golden file.
func TestFixes(t *testing.T) {
	t.Parallel()
	analysistest.RunWithSuggestedFixes(t, testdata(t), newAnalyzer(t, nil), "fixes/...")
}

// TestMessagesShort checks what a terminal line must carry: a first
// sentence (up to the first "; " or ". ") that says what is wrong and the
// limit in at most 160 characters, the rule name excluded; the longer why
// is in the rule's documentation (-explain).
func TestMessagesShort(t *testing.T) {
	t.Parallel()
	if testing.Short() {
		t.Skip("loads net/http from source for fixtures TestPatterns and TestStrict run; skipped with -short")
	}
	results := analysistest.Run(t, testdata(t), newAnalyzer(t, nil),
		"literal", "assign", "dialer", "http2", "sqllocal", "sqlsetters", "grpcchan", "grpcoptvalues", "facts/...", "ignore", "servers", "serverfacts/...",
		"fasthttpservers", "fiberservers", "fiberv3servers", "factoryconfig/...")
	strict := newAnalyzer(t, func(c *analyzer.Config) { c.Strict = true })
	results = append(results, analysistest.Run(t, testdata(t), strict, "strict", "sqlstrict", "grpcstrict", "ignorestrict", "serverstrict")...)
	for _, r := range results {
		for _, d := range r.Diagnostics {
			msg := strings.TrimSuffix(d.Message, " ("+d.Category+")")
			first, _, _ := strings.Cut(msg, "; ")
			first, _, _ = strings.Cut(first, ". ")
			if len(first) > 160 {
				t.Errorf("%s: first sentence of %d characters: %s", d.Category, len(first), first)
			}
		}
	}
}
