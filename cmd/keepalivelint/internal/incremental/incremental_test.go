package incremental

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"testing"

	"github.com/keepalivelint/keepalivelint/analyzer"
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/packages"
)

// patterns are fixtures whose findings depend on other packages' facts
// (pool factories, setters, dialing wrappers, servers configured
// elsewhere, drivers linked below) and on stub modules (grpc, sqlx, pgx)
// under testdata/src.
var patterns = []string{"facts/...", "serverfacts/...", "grpcoptvalues", "factorycallers", "wrapper", "factory", "deferclosure", "testonlycallers", "sqlreturn", "handoff", "sqldriverfacts/..."}

// gopath runs the go command over testdata/src in GOPATH mode, as the
// analyzer's tests do: the environment, and the directory to run in.
func gopath(t *testing.T) (env []string, dir string) {
	t.Helper()
	root, err := filepath.Abs(filepath.Join("..", "..", "..", "..", "testdata"))
	if err != nil {
		t.Fatal(err)
	}
	return append(os.Environ(), "GOPATH="+root, "GO111MODULE=off", "GOFLAGS=-mod=", "GOWORK=off"), filepath.Join(root, "src")
}

// standalone is x/tools' checker over the same packages, loaded from
// source: what the command printed before the cache, as a JSON tree.
func standalone(t *testing.T, env []string, dir string) map[string][]Diagnostic {
	t.Helper()
	cfg := &packages.Config{Mode: packages.LoadAllSyntax | packages.NeedModule, Tests: true, Env: env, Dir: dir}
	pkgs, err := packages.Load(cfg, patterns...)
	if err != nil {
		t.Fatal(err)
	}
	graph, err := checker.Analyze([]*analysis.Analyzer{analyzer.Analyzer}, pkgs, nil)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := graph.PrintJSON(&buf); err != nil {
		t.Fatal(err)
	}
	var tree map[string]map[string][]Diagnostic
	if err := json.Unmarshal(buf.Bytes(), &tree); err != nil {
		t.Fatalf("%v: %s", err, buf.Bytes())
	}
	out := map[string][]Diagnostic{}
	for id, byName := range tree {
		out[id] = byName[analyzer.Analyzer.Name]
	}
	return out
}

func incremental(t *testing.T, env []string, dir, cache string) (map[string][]Diagnostic, *Result) {
	t.Helper()
	res, err := Run(Options{
		Analyzers: []*analysis.Analyzer{analyzer.Analyzer},
		Patterns:  patterns,
		Tests:     true,
		Tool:      "test",
		CacheDir:  cache,
		Dir:       dir,
		Env:       env,
	})
	if err != nil {
		t.Fatal(err)
	}
	out := map[string][]Diagnostic{}
	for _, r := range res.Roots {
		if len(r.Diagnostics) > 0 {
			out[r.ID] = r.Diagnostics
		}
	}
	return out, res
}

// The driver finds what x/tools' checker finds: on a cold cache, on a
// warm one, and with a third of the entries gone, so that packages
// analyzed again import reused ones (types from export data, facts from
// the cache).
func TestMatchesChecker(t *testing.T) {
	if testing.Short() {
		t.Skip("loads net/http and its dependencies from source")
	}
	env, dir := gopath(t)
	want := standalone(t, env, dir)
	if len(want) == 0 {
		t.Fatal("the checker found nothing: the fixtures are not loaded")
	}
	cache := t.TempDir()

	got, res := incremental(t, env, dir, cache)
	if res.Reused != 0 {
		t.Errorf("cold cache: %d packages reused", res.Reused)
	}
	compare(t, "cold", got, want)

	got, res = incremental(t, env, dir, cache)
	if res.Reused != res.Packages {
		t.Errorf("warm cache: %d of %d packages reused", res.Reused, res.Packages)
	}
	compare(t, "warm", got, want)

	entries, _ := filepath.Glob(filepath.Join(cache, "*", "*-"+kindResult))
	sort.Strings(entries)
	for i, e := range entries {
		if i%3 == 0 {
			os.Remove(e)
		}
	}
	got, res = incremental(t, env, dir, cache)
	if res.Reused == 0 || res.Reused == res.Packages {
		t.Errorf("a third of the entries removed: %d of %d packages reused; want some, not all", res.Reused, res.Packages)
	}
	compare(t, "partly warm", got, want)
}

func compare(t *testing.T, when string, got, want map[string][]Diagnostic) {
	t.Helper()
	for id, w := range want {
		if g := got[id]; !reflect.DeepEqual(g, w) {
			t.Errorf("%s cache, %s:\ngot  %+v\nwant %+v", when, id, g, w)
		}
	}
	for id, g := range got {
		if _, ok := want[id]; !ok {
			t.Errorf("%s cache, %s: unexpected %+v", when, id, g)
		}
	}
}
