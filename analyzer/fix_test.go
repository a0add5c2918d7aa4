package analyzer_test

import (
	"bytes"
	"flag"
	"go/format"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/analysistest"
)

var update = flag.Bool("update", false, "rewrite the .golden files of testdata/src/fixes from the analyzer's fixes, and docs/rules.md from doc.go")

// TestFixesAreGofmtClean applies each file's suggested fixes as they are,
// without the formatting analysistest applies before it compares, and
// checks that the result is gofmt-clean and equal to the .golden file.
func TestFixesAreGofmtClean(t *testing.T) {
	t.Parallel()
	if testing.Short() {
		t.Skip("loads net/http from source for the fixes TestFixes checks against their .golden files; skipped with -short")
	}
	results := analysistest.Run(t, testdata(t), newAnalyzer(t, nil), "fixes/...")
	edits := map[string][]analysis.TextEdit{}
	for _, r := range results {
		for _, d := range r.Diagnostics {
			for _, f := range d.SuggestedFixes {
				for _, e := range f.TextEdits {
					name := r.Pass.Fset.File(e.Pos).Name()
					edits[name] = append(edits[name], e)
				}
			}
		}
		for _, file := range r.Pass.Files {
			name := r.Pass.Fset.File(file.FileStart).Name()
			src, err := os.ReadFile(name)
			if err != nil {
				t.Fatal(err)
			}
			out := applyEdits(t, r.Pass, src, edits[name])
			if formatted, err := format.Source(out); err != nil || !bytes.Equal(formatted, out) {
				t.Errorf("%s: fixed file is not gofmt-clean (err %v):\n%s", name, err, out)
			}
			golden := name + ".golden"
			if strings.Contains(name, "nofix") && len(edits[name]) > 0 {
				t.Errorf("%s: a fix where none is obviously right", name)
			}
			if len(edits[name]) == 0 {
				if _, err := os.Stat(golden); err == nil {
					t.Errorf("%s: a golden file but no fix", name)
				}
				continue
			}
			if *update {
				if err := os.WriteFile(golden, out, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(want, out) {
				t.Errorf("%s: fixed file differs from the golden file:\n%s", name, out)
			}
		}
	}
}

// applyEdits applies edits to src, once each (fixes for two findings in a
// file may add the same import).
func applyEdits(t *testing.T, pass *analysis.Pass, src []byte, edits []analysis.TextEdit) []byte {
	t.Helper()
	type edit struct {
		start, end int
		text       string
	}
	var es []edit
	for _, e := range edits {
		tf := pass.Fset.File(e.Pos)
		es = append(es, edit{tf.Offset(e.Pos), tf.Offset(e.End), string(e.NewText)})
	}
	slices.SortFunc(es, func(a, b edit) int { return a.start - b.start })
	es = slices.Compact(es)
	var out []byte
	last := 0
	for _, e := range es {
		if e.start < last {
			t.Fatalf("overlapping edits at offset %d", e.start)
		}
		out = append(append(out, src[last:e.start]...), e.text...)
		last = e.end
	}
	return append(out, src[last:]...)
}

var wantComment = regexp.MustCompile(`\s*// want .*`)

// TestGoldenFilesAreFixed type-checks every golden file as a package of
// its own and runs the analyzer on it again: fixed code must compile and
// draw no finding that has a fix, so a second -fix run changes nothing.
func TestGoldenFilesAreFixed(t *testing.T) {
	t.Parallel()
	if testing.Short() {
		t.Skip("loads net/http from source to run the analyzer on the .golden files again; skipped with -short")
	}
	src := filepath.Join(testdata(t), "src")
	tmp := t.TempDir()
	goldens, err := filepath.Glob(filepath.Join(src, "fixes", "*", "*.golden"))
	if err != nil || len(goldens) == 0 {
		t.Fatalf("no golden files (%v)", err)
	}
	// The packages the golden files import from testdata (stubs of real
	// modules, helper packages), with what those import in turn.
	for _, dir := range testdataImports(t, src, goldens) {
		files, _ := filepath.Glob(filepath.Join(src, dir, "*.go"))
		for _, f := range files {
			copyFile(t, f, filepath.Join(tmp, "src", dir, filepath.Base(f)))
		}
	}
	for _, g := range goldens {
		rel, _ := filepath.Rel(src, strings.TrimSuffix(g, ".golden"))
		data, err := os.ReadFile(g)
		if err != nil {
			t.Fatal(err)
		}
		data = wantComment.ReplaceAll(data, nil)
		writeFile(t, filepath.Join(tmp, "src", rel), data)
	}
	// A finding with no fix may stay (a default the code cannot lower
	// where it is read); analysistest would call it unexpected.
	results := analysistest.Run(fixedOnly{t}, tmp, newAnalyzer(t, nil), "fixes/...")
	for _, r := range results {
		for _, d := range r.Diagnostics {
			if len(d.SuggestedFixes) > 0 {
				t.Errorf("%v: fixed code still draws a fix: %s", r.Pass.Fset.Position(d.Pos), d.Message)
			}
		}
	}
}

// fixedOnly passes analysistest's errors on to t but those of findings
// it did not expect: TestGoldenFilesAreFixed judges those by their fixes.
type fixedOnly struct{ *testing.T }

func (f fixedOnly) Errorf(format string, args ...any) {
	if strings.Contains(format, "unexpected %s") && len(args) > 1 && args[1] == "diagnostic" {
		return
	}
	f.T.Helper()
	f.T.Errorf(format, args...)
}

// testdataImports returns the import paths, transitively, of the files
// that are packages under src (analysistest's GOPATH), in the order found.
func testdataImports(t *testing.T, src string, files []string) []string {
	t.Helper()
	var dirs []string
	seen := map[string]bool{}
	for len(files) > 0 {
		f := files[0]
		files = files[1:]
		parsed, err := parser.ParseFile(token.NewFileSet(), f, nil, parser.ImportsOnly)
		if err != nil {
			t.Fatal(err)
		}
		for _, imp := range parsed.Imports {
			path, _ := strconv.Unquote(imp.Path.Value)
			if seen[path] {
				continue
			}
			seen[path] = true
			pkgFiles, _ := filepath.Glob(filepath.Join(src, path, "*.go"))
			if len(pkgFiles) == 0 {
				continue // the standard library
			}
			dirs = append(dirs, path)
			files = append(files, pkgFiles...)
		}
	}
	return dirs
}

func copyFile(t *testing.T, from, to string) {
	t.Helper()
	data, err := os.ReadFile(from)
	if err != nil {
		t.Fatal(err)
	}
	writeFile(t, to, data)
}

func writeFile(t *testing.T, name string, data []byte) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(name, data, 0o644); err != nil {
		t.Fatal(err)
	}
}
