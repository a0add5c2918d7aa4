package analyzer_test

import (
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/keepalivelint/keepalivelint/analyzer"
)

// TestSkipFactoryDefaults checks that an application switches
// factory-default-unbounded off: its exported factories, which no caller
// in their package calls, are then not judged with no options, nor with
// a zero Config.
func TestSkipFactoryDefaults(t *testing.T) {
	t.Parallel()
	a := newAnalyzer(t, func(c *analyzer.Config) { c.SkipFactoryDefaults = true })
	analysistest.Run(t, testdata(t), a, "factorydefaultoff")
	// The same package is reported by default: the fixture tests
	// something. Another load of net/http, left to the full suite.
	if testing.Short() {
		t.Skip("the default run of the same fixture loads net/http again; skipped with -short")
	}
	results := analysistest.Run(&noWants{T: t}, testdata(t), newAnalyzer(t, nil), "factorydefaultoff")
	n := 0
	for _, r := range results {
		for _, d := range r.Diagnostics {
			if d.Category != "factory-default-unbounded" {
				t.Errorf("unexpected %s: %s", d.Category, d.Message)
			}
			n++
		}
	}
	if n != 3 {
		t.Errorf("%d factory-default-unbounded findings by default, want 3 (NewClient, NewTransport, NewConfigured)", n)
	}
}

// noWants is a testing.T for a run whose diagnostics are checked by the
// caller, not by // want comments.
type noWants struct{ *testing.T }

func (noWants) Errorf(string, ...any) {}
