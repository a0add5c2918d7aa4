package analyzer

import (
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// layers are the analyzer's internal packages from the bottom up
// (docs/design.md): each may import only the ones before it. The compiler
// forbids cycles; this test forbids a lower layer importing a higher one
// even where that makes no cycle yet, and any layer but the pass using
// go/analysis' Pass.
var layers = []string{"rules", "values", "kinds", "summaries", "index", "effects", "flow", "resolve", "judge", "fix"}

func TestLayers(t *testing.T) {
	const prefix = "github.com/keepalivelint/keepalivelint/analyzer/internal/"
	dirs, err := os.ReadDir("internal")
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range dirs {
		rank := slices.Index(layers, d.Name())
		if rank < 0 {
			t.Errorf("internal/%s is in no layer: add it to layers and docs/design.md", d.Name())
			continue
		}
		files, _ := filepath.Glob(filepath.Join("internal", d.Name(), "*.go"))
		for _, name := range files {
			if strings.HasSuffix(name, "_test.go") {
				continue
			}
			src, err := os.ReadFile(name)
			if err != nil {
				t.Fatal(err)
			}
			f, err := parser.ParseFile(token.NewFileSet(), name, src, parser.ImportsOnly)
			if err != nil {
				t.Fatal(err)
			}
			for _, imp := range f.Imports {
				path, _ := strconv.Unquote(imp.Path.Value)
				layer, ok := strings.CutPrefix(path, prefix)
				if ok && slices.Index(layers, layer) >= rank {
					t.Errorf("%s imports %s, a layer at or above its own", name, layer)
				}
			}
			if strings.Contains(string(src), "analysis.Pass") {
				t.Errorf("%s uses analysis.Pass: only the pass (package analyzer) may", name)
			}
		}
	}
}
