package analyzer_test

// The harness of FuzzAnalyzer and the benchmarks: it type-checks a single
// package from source, with type errors tolerated, against packages
// imported once per process, and runs the pass on it by hand (inspect
// first, then the analyzer) without go list, go/packages or a checker, so
// that a benchmark times the pass alone and a fuzz iteration costs
// milliseconds.

import (
	"fmt"
	"go/ast"
	"go/build"
	"go/importer"
	"go/parser"
	"go/token"
	"go/types"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/inspect"
)

// A universe holds imported packages: std from export data (the gc
// importer), other paths from source under testdata/src (the x/net/http2
// stub, wrapper, ...). Its FileSet is frozen once built; every checked
// package gets a FileSet of its own seeded with the universe's files, so
// positions of imported objects stay valid and nothing grows per check.
type universe struct {
	fset  *token.FileSet
	files []*token.File
	pkgs  map[string]*types.Package
}

var (
	sharedUniverseOnce sync.Once
	sharedUniverse     *universe
	sharedUniverseErr  error
)

// theUniverse imports every package the fixtures import (and a few more
// that generated or mutated code may use), once per process.
func theUniverse() (*universe, error) {
	sharedUniverseOnce.Do(func() {
		paths := []string{
			"bytes", "context", "crypto/tls", "database/sql", "errors", "fmt", "io",
			"log", "net", "net/http", "net/http/httptest", "net/url", "os", "strconv",
			"strings", "sync", "testing", "time",
		}
		seeds, err := fixtureFiles()
		if err != nil {
			sharedUniverseErr = err
			return
		}
		for _, name := range seeds {
			f, err := parser.ParseFile(token.NewFileSet(), name, nil, parser.ImportsOnly)
			if err != nil {
				continue
			}
			for _, imp := range f.Imports {
				if p, err := strconv.Unquote(imp.Path.Value); err == nil {
					paths = append(paths, p)
				}
			}
		}
		sort.Strings(paths)
		sharedUniverse, sharedUniverseErr = newUniverse(slices.Compact(paths))
	})
	return sharedUniverse, sharedUniverseErr
}

func newUniverse(paths []string) (*universe, error) {
	u := &universe{fset: token.NewFileSet(), pkgs: map[string]*types.Package{}}
	// One go list for the export data of every std package needed (the
	// gc importer alone runs go list once per path).
	exports := map[string]string{}
	cmd := exec.Command("go", append([]string{"list", "-e", "-export", "-deps", "-f", "{{if .Standard}}{{.ImportPath}}={{.Export}}{{end}}"}, paths...)...)
	cmd.Stderr = io.Discard
	out, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("go list -export: %v", err)
	}
	for line := range strings.SplitSeq(string(out), "\n") {
		if path, file, ok := strings.Cut(line, "="); ok && file != "" {
			exports[path] = file
		}
	}
	gc := importer.ForCompiler(u.fset, "gc", func(path string) (io.ReadCloser, error) {
		file, ok := exports[path]
		if !ok {
			return nil, fmt.Errorf("%q is not a std package", path)
		}
		return os.Open(file)
	})
	var load func(path string) (*types.Package, error)
	load = func(path string) (*types.Package, error) {
		if p, ok := u.pkgs[path]; ok {
			if p == nil {
				return nil, fmt.Errorf("import cycle through %q", path)
			}
			return p, nil
		}
		if p, err := gc.Import(path); err == nil {
			u.pkgs[path] = p
			return p, nil
		}
		// Not in std: a package of testdata/src, from source.
		dir := filepath.Join(testdataSrc(), filepath.FromSlash(path))
		if st, err := os.Stat(dir); err != nil || !st.IsDir() {
			return nil, fmt.Errorf("package %q not found", path)
		}
		u.pkgs[path] = nil // cycle guard
		var files []*ast.File
		entries, _ := os.ReadDir(dir)
		for _, e := range entries {
			name := e.Name()
			if !strings.HasSuffix(name, ".go") || strings.HasSuffix(name, "_test.go") {
				continue
			}
			if ok, _ := build.Default.MatchFile(dir, name); !ok {
				continue
			}
			f, err := parser.ParseFile(u.fset, filepath.Join(dir, name), nil, parser.ParseComments|parser.SkipObjectResolution)
			if err != nil {
				return nil, err
			}
			files = append(files, f)
		}
		conf := types.Config{Importer: importerFunc(load), Error: func(error) {}}
		p, _ := conf.Check(path, u.fset, files, nil)
		u.pkgs[path] = p
		return p, nil
	}
	for _, path := range paths {
		if _, err := load(path); err != nil {
			delete(u.pkgs, path) // an import error for the fixtures that use it
		}
	}
	u.fset.Iterate(func(f *token.File) bool {
		u.files = append(u.files, f)
		return true
	})
	return u, nil
}

type importerFunc func(string) (*types.Package, error)

func (f importerFunc) Import(path string) (*types.Package, error) { return f(path) }

// Import returns a package of the universe; anything else is an import
// error, tolerated like any type error.
func (u *universe) Import(path string) (*types.Package, error) {
	if p := u.pkgs[path]; p != nil {
		return p, nil
	}
	return nil, fmt.Errorf("package %q is not in the test universe", path)
}

// A checked package is the input of a pass.
type checked struct {
	fset    *token.FileSet
	files   []*ast.File
	pkg     *types.Package
	info    *types.Info
	src     map[string][]byte // by file name
	typeErr []error
}

// check parses and type-checks files (name -> source) as one package.
// It fails only when nothing parses; parse and type errors are kept.
func (u *universe) check(pkgPath string, srcs map[string][]byte) (*checked, error) {
	c := &checked{fset: token.NewFileSet(), src: srcs}
	c.fset.AddExistingFiles(u.files...)
	names := make([]string, 0, len(srcs))
	for name := range srcs {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		f, err := parser.ParseFile(c.fset, name, srcs[name], parser.ParseComments|parser.SkipObjectResolution)
		if err != nil {
			// go vet stops at a parse error: so does the harness.
			return nil, err
		}
		c.files = append(c.files, f)
	}
	c.info = &types.Info{
		Types:        map[ast.Expr]types.TypeAndValue{},
		Instances:    map[*ast.Ident]types.Instance{},
		Defs:         map[*ast.Ident]types.Object{},
		Uses:         map[*ast.Ident]types.Object{},
		Implicits:    map[ast.Node]types.Object{},
		Selections:   map[*ast.SelectorExpr]*types.Selection{},
		Scopes:       map[ast.Node]*types.Scope{},
		FileVersions: map[*ast.File]string{},
	}
	conf := types.Config{
		Importer: u,
		Error:    func(err error) { c.typeErr = append(c.typeErr, err) },
		Sizes:    types.SizesFor("gc", "amd64"),
	}
	c.pkg, _ = conf.Check(pkgPath, c.fset, c.files, c.info)
	return c, nil
}

// run runs a on the package the way a driver does: the inspector first,
// then a with its result.
func (c *checked) run(a *analysis.Analyzer) ([]analysis.Diagnostic, error) {
	var diags []analysis.Diagnostic
	pass := &analysis.Pass{
		Analyzer:   inspect.Analyzer,
		Fset:       c.fset,
		Files:      c.files,
		Pkg:        c.pkg,
		TypesInfo:  c.info,
		TypesSizes: types.SizesFor("gc", "amd64"),
		ResultOf:   map[*analysis.Analyzer]any{},
		Report:     func(d analysis.Diagnostic) { diags = append(diags, d) },
		// One package at a time: no facts come in, and those going out
		// are dropped.
		ImportObjectFact:  func(types.Object, analysis.Fact) bool { return false },
		ExportObjectFact:  func(types.Object, analysis.Fact) {},
		ImportPackageFact: func(*types.Package, analysis.Fact) bool { return false },
		ExportPackageFact: func(analysis.Fact) {},
		ReadFile: func(name string) ([]byte, error) {
			if src, ok := c.src[name]; ok {
				return src, nil
			}
			return nil, os.ErrNotExist
		},
	}
	insp, err := inspect.Analyzer.Run(pass)
	if err != nil {
		return nil, err
	}
	pass.Analyzer = a
	pass.ResultOf = map[*analysis.Analyzer]any{inspect.Analyzer: insp}
	_, err = a.Run(pass)
	return diags, err
}

func testdataSrc() string {
	dir, err := filepath.Abs(filepath.Join("..", "testdata", "src"))
	if err != nil {
		panic(err)
	}
	return dir
}

// fixtureFiles lists the fixture sources under testdata/src (not the
// .golden files).
func fixtureFiles() ([]string, error) {
	var names []string
	err := filepath.WalkDir(testdataSrc(), func(path string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() && strings.HasSuffix(path, ".go") {
			names = append(names, path)
		}
		return nil
	})
	return names, err
}
