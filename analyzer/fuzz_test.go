package analyzer_test

import (
	"bytes"
	"fmt"
	"go/parser"
	"go/token"
	"os"
	"slices"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis"

	"github.com/keepalivelint/keepalivelint/analyzer"
)

// Variant bits of FuzzAnalyzer's second argument.
const (
	fuzzTestFile = 1 << iota // the file is named fuzz_test.go
	fuzzTests                // Config.ReportTests
	fuzzStrict               // Config.Strict
	fuzzALB                  // -max-idle=aws-alb (60s, fixes insert 30s)
)

// FuzzAnalyzer mutates fixture sources, type-checks them with errors
// tolerated, runs the pass and checks that it does not panic, that every
// suggested fix applies cleanly (its edits lie in the file and do not
// overlap) and yields code that parses, and that the fixes of one run
// applied together do not conflict. When the input type-checks, the fixed
// code must type-check too and draw no further fix (a second -fix run
// changes nothing).
//
// The seed corpus is every .go file under testdata/src; regressions found
// by fuzzing are kept in testdata/fuzz/FuzzAnalyzer. Run it with
//
//	go test -run='^$' -fuzz=FuzzAnalyzer -fuzztime=5m ./analyzer/
func FuzzAnalyzer(f *testing.F) {
	u, err := theUniverse()
	if err != nil {
		f.Fatal(err)
	}
	if u.pkgs["net/http"] == nil || u.pkgs["time"] == nil {
		f.Fatal("net/http or time did not import")
	}
	seeds, err := fixtureFiles()
	if err != nil || len(seeds) == 0 {
		f.Fatalf("no fixtures (%v)", err)
	}
	for _, name := range seeds {
		src, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		var variant uint8
		if strings.HasSuffix(name, "_test.go") {
			variant = fuzzTestFile | fuzzTests
		}
		f.Add(src, variant)
	}
	analyzers := map[uint8]*analysis.Analyzer{}
	for v := range uint8(16) {
		cfg := analyzer.DefaultConfig()
		cfg.ReportTests = v&fuzzTests != 0
		cfg.Strict = v&fuzzStrict != 0
		if v&fuzzALB != 0 {
			cfg.MaxIdle, _ = analyzer.ParseLimit("aws-alb")
		}
		a, err := analyzer.New(cfg)
		if err != nil {
			f.Fatal(err)
		}
		analyzers[v] = a
	}
	f.Fuzz(func(t *testing.T, src []byte, variant uint8) {
		variant &= 15
		name := "/fuzz/fuzz.go"
		if variant&fuzzTestFile != 0 {
			name = "/fuzz/fuzz_test.go"
		}
		a := analyzers[variant]
		c, err := u.check("fuzz", map[string][]byte{name: src})
		if err != nil {
			return // go vet does not analyze what does not parse
		}
		diags, err := c.run(a)
		if err != nil {
			t.Fatalf("analyzer error: %v", err)
		}
		fixed := checkFixes(t, c, name, src, diags)
		if t.Failed() || len(c.typeErr) > 0 || bytes.Equal(fixed, src) {
			return
		}
		// The input type-checks: so must the fixed code, and a second run
		// must find nothing more to fix.
		c2, err := u.check("fuzz", map[string][]byte{name: fixed})
		if err != nil {
			t.Fatalf("fixed code does not parse: %v\n%s", err, fixed)
		}
		if len(c2.typeErr) > 0 {
			t.Fatalf("fixed code does not type-check: %v\n%s", c2.typeErr[0], fixed)
		}
		diags2, err := c2.run(a)
		if err != nil {
			t.Fatalf("analyzer error on fixed code: %v", err)
		}
		for _, d := range diags2 {
			if len(d.SuggestedFixes) > 0 {
				t.Fatalf("fixed code draws another fix at %v: %s\n%s", c2.fset.Position(d.Pos), d.Message, fixed)
			}
		}
	})
}

// An edit is a TextEdit as offsets in one file.
type edit struct {
	start, end int
	text       string
}

// checkFixes checks the diagnostics' positions and every fix on its own,
// then applies all fixes together, as -fix does, and returns the result.
func checkFixes(t *testing.T, c *checked, name string, src []byte, diags []analysis.Diagnostic) []byte {
	t.Helper()
	var tf *token.File
	for _, f := range c.files {
		if g := c.fset.File(f.FileStart); g != nil && g.Name() == name {
			tf = g
		}
	}
	if tf == nil || tf.Size() != len(src) {
		t.Fatalf("no token.File for %s", name)
	}
	inFile := func(pos token.Pos) bool {
		return pos.IsValid() && int(pos) >= tf.Base() && int(pos) <= tf.Base()+tf.Size()
	}
	var all []edit
	for _, d := range diags {
		if !inFile(d.Pos) || d.End.IsValid() && (!inFile(d.End) || d.End < d.Pos) {
			t.Errorf("diagnostic %q has range %d-%d outside the file [%d,%d]", d.Message, d.Pos, d.End, tf.Base(), tf.Base()+tf.Size())
		}
		for _, fix := range d.SuggestedFixes {
			var es []edit
			for _, e := range fix.TextEdits {
				end := e.End
				if !end.IsValid() {
					end = e.Pos
				}
				if !inFile(e.Pos) || !inFile(end) || end < e.Pos {
					t.Fatalf("fix %q of %q: edit %d-%d outside the file [%d,%d]", fix.Message, d.Message, e.Pos, e.End, tf.Base(), tf.Base()+tf.Size())
				}
				es = append(es, edit{tf.Offset(e.Pos), tf.Offset(end), string(e.NewText)})
			}
			out, err := apply(src, es)
			if err != nil {
				t.Fatalf("fix %q of %q: %v", fix.Message, d.Message, err)
			}
			if _, err := parser.ParseFile(token.NewFileSet(), name, out, parser.ParseComments); err != nil {
				t.Fatalf("fix %q of %q yields code that does not parse: %v\n%s", fix.Message, d.Message, err, out)
			}
			all = append(all, es...)
		}
	}
	out, err := apply(src, all)
	if err != nil {
		t.Fatalf("fixes conflict when applied together: %v", err)
	}
	if _, err := parser.ParseFile(token.NewFileSet(), name, out, parser.ParseComments); err != nil {
		t.Fatalf("fixes applied together yield code that does not parse: %v\n%s", err, out)
	}
	return out
}

// apply applies edits to src; identical edits count once (two fixes may
// add the same import).
func apply(src []byte, es []edit) ([]byte, error) {
	es = slices.Clone(es)
	slices.SortStableFunc(es, func(a, b edit) int {
		if a.start != b.start {
			return a.start - b.start
		}
		return a.end - b.end
	})
	es = slices.Compact(es)
	var out []byte
	last := 0
	for i, e := range es {
		if e.start < last || i > 0 && e.start == es[i-1].start && e.start == e.end && es[i-1].start == es[i-1].end {
			return nil, fmt.Errorf("overlapping edits at offset %d: %q and %q", e.start, es[max(i-1, 0)].text, e.text)
		}
		out = append(append(out, src[last:e.start]...), e.text...)
		last = e.end
	}
	return append(out, src[last:]...), nil
}

// TestHarness checks that the fuzz harness sees what analysistest sees on
// a fixture, so that FuzzAnalyzer is not vacuous: the fixture type-checks
// and draws findings, some with fixes.
func TestHarness(t *testing.T) {
	u, err := theUniverse()
	if err != nil {
		t.Fatal(err)
	}
	for _, fixture := range []string{"literal/literal.go", "fixes/onelinelit/onelinelit.go"} {
		name := testdataSrc() + "/" + fixture
		src, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		c, err := u.check("fixture", map[string][]byte{name: src})
		if err != nil {
			t.Fatal(err)
		}
		if len(c.typeErr) > 0 {
			t.Errorf("%s: %v", fixture, c.typeErr[0])
		}
		diags, err := c.run(analyzer.Analyzer)
		if err != nil {
			t.Fatal(err)
		}
		want := bytes.Count(src, []byte("// want "))
		fixes := 0
		for _, d := range diags {
			fixes += len(d.SuggestedFixes)
		}
		if len(diags) != want || fixes == 0 {
			t.Errorf("%s: %d findings (%d fixes), want %d findings and some fixes", fixture, len(diags), fixes, want)
		}
	}
}
