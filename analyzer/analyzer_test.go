package analyzer_test

import (
	"path/filepath"
	"testing"

	"github.com/keepalivelint/keepalivelint/analyzer"
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/analysistest"
)

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

// TestPatterns runs each pattern's fixtures: positives carry a // want
// comment, negatives must stay silent.
func TestPatterns(t *testing.T) {
	var patterns []string
	for _, pattern := range []string{
		"literal", "newzero", "clone", "assign", "factory", "http2", "http2config",
		"settings", "dialer", "quiet/...", "closedinfunc", "handoff", "ignore", "aliases", "dotimport",
		"vendored", "decoys/...", "doccomment", "generics", "buildtag",
		"sqllocal", "sqlfield", "sqlreturn", "sqlsetters", "sqlclosed", "sqlinprocess",
		"sqlx", "pgxstdlib", "sqldecoys", "github.com/jmoiron/sqlx",
		"grpcchan",
		"flowbranch", "flowreturn", "flowsql", "guards", "guardsql", "grpcflow",
		"optdefaults", "optdefaultsinit", "optdefaultspkg",
	} {
		patterns = append(patterns, pattern)
	}
	// One load for all patterns: each analysistest.Run runs go list.
	analysistest.Run(t, testdata(t), newAnalyzer(t, nil), patterns...)
}

func TestStrict(t *testing.T) {
	a := newAnalyzer(t, func(c *analyzer.Config) { c.Strict = true })
	analysistest.Run(t, testdata(t), a, "strict", "sqlstrict", "grpcstrict", "flowstrict")
}

func TestMaxIdlePreset(t *testing.T) {
	limit, err := analyzer.ParseLimit("aws-alb")
	if err != nil {
		t.Fatal(err)
	}
	a := newAnalyzer(t, func(c *analyzer.Config) { c.MaxIdle = limit })
	analysistest.Run(t, testdata(t), a, "limits")
}

func TestTestsFlag(t *testing.T) {
	a := newAnalyzer(t, func(c *analyzer.Config) { c.Tests = true })
	analysistest.Run(t, testdata(t), a, "testsflag")
}

func TestSkipPkgsEmpty(t *testing.T) {
	a := newAnalyzer(t, func(c *analyzer.Config) { c.SkipPkgs = "" })
	analysistest.Run(t, testdata(t), a, "skippkgs/...")
}

// TestFixes checks every kind of suggested fix against its .golden file.
func TestFixes(t *testing.T) {
	analysistest.RunWithSuggestedFixes(t, testdata(t), newAnalyzer(t, nil), "fixes/...")
}
