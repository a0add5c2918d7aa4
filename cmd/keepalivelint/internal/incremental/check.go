package incremental

import (
	"errors"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"go/types"
	"os"
	"sync"

	"golang.org/x/tools/go/gcexportdata"
	"golang.org/x/tools/go/packages"
)

// The types of a run live in one universe, as go/packages builds it: a
// *types.Package per package of the graph (by ID, so that a package and
// its test variant are two), either type-checked from source (a package
// analyzed again) or read from the export data of the go command's build
// cache (a package whose results are reused, when one analyzed again
// imports it). Export data is read before any type-checking starts, in
// dependency order, so that the universe only grows while nothing reads
// it.

// errFallback marks what this driver does not handle itself (packages
// with errors, an entry gone or corrupt): the caller runs the standalone
// driver, which reports errors as it always has.
var errFallback = errors.New("the standalone driver must run")

// universe is the *types.Package of every package of the graph.
type universe struct {
	fset  *token.FileSet
	types map[*packages.Package]*types.Package

	parseMu sync.Mutex
	parsed  map[string]*parsedFile // shared by a package and its test variant, as go/packages does
}

type parsedFile struct {
	once sync.Once
	file *ast.File
	err  error
}

func newUniverse() *universe {
	return &universe{fset: token.NewFileSet(), types: map[*packages.Package]*types.Package{}, parsed: map[string]*parsedFile{}}
}

// placeholder returns p's package, empty until export data or the type
// checker fills it.
func (u *universe) placeholder(p *packages.Package) *types.Package {
	if p.PkgPath == "unsafe" {
		return types.Unsafe
	}
	t := u.types[p]
	if t == nil {
		t = types.NewPackage(p.PkgPath, p.Name)
		u.types[p] = t
	}
	return t
}

// readExport fills p's package from the export data the go command's
// compiler wrote (go list -export), as go/packages does: the reader sees
// every package p depends on, by path, as p sees them.
func (u *universe) readExport(p *packages.Package, file string) error {
	if p.PkgPath == "unsafe" {
		return nil
	}
	f, err := os.Open(file)
	if err != nil {
		return err
	}
	defer f.Close()
	data, err := gcexportdata.NewReader(f)
	if err != nil {
		return err
	}
	view := map[string]*types.Package{}
	var visit func(*packages.Package)
	visit = func(q *packages.Package) {
		for _, dep := range q.Imports {
			if _, ok := view[dep.PkgPath]; !ok {
				view[dep.PkgPath] = u.placeholder(dep)
				visit(dep)
			}
		}
	}
	visit(p)
	view[p.PkgPath] = u.placeholder(p)
	_, err = gcexportdata.Read(data, u.fset, view, p.PkgPath)
	return err
}

// A checked package: the syntax and types an analysis pass needs.
type checked struct {
	files []*ast.File
	pkg   *types.Package
	info  *types.Info
}

// check parses and type-checks p from source, its imports from the
// universe (complete by then: checked earlier, or read from export data).
// A parse or type error is errFallback.
func (u *universe) check(p *packages.Package) (*checked, error) {
	if p.PkgPath == "unsafe" {
		return &checked{pkg: types.Unsafe, info: new(types.Info)}, nil
	}
	var files []*ast.File
	for _, name := range p.CompiledGoFiles {
		f, err := u.parse(name)
		if err != nil {
			return nil, fmt.Errorf("%w: %v", errFallback, err)
		}
		files = append(files, f)
	}
	var typeErr error
	conf := &types.Config{
		Importer: importerFunc(func(path string) (*types.Package, error) {
			if path == "unsafe" {
				return types.Unsafe, nil
			}
			dep := p.Imports[path]
			if dep == nil {
				return nil, fmt.Errorf("no metadata for %s", path)
			}
			t := u.types[dep]
			if t == nil || !t.Complete() {
				return nil, fmt.Errorf("types of %s are not loaded", dep.ID)
			}
			return t, nil
		}),
		Sizes: p.TypesSizes,
		Error: func(err error) {
			if typeErr == nil {
				typeErr = err
			}
		},
	}
	if p.Module != nil && p.Module.GoVersion != "" {
		conf.GoVersion = "go" + p.Module.GoVersion
	}
	info := &types.Info{
		Types:        map[ast.Expr]types.TypeAndValue{},
		Defs:         map[*ast.Ident]types.Object{},
		Uses:         map[*ast.Ident]types.Object{},
		Implicits:    map[ast.Node]types.Object{},
		Instances:    map[*ast.Ident]types.Instance{},
		Scopes:       map[ast.Node]*types.Scope{},
		Selections:   map[*ast.SelectorExpr]*types.Selection{},
		FileVersions: map[*ast.File]string{},
	}
	pkg := u.placeholder(p)
	types.NewChecker(conf, u.fset, pkg, info).Files(files)
	if typeErr != nil {
		return nil, fmt.Errorf("%w: %s: %v", errFallback, p.ID, typeErr)
	}
	return &checked{files: files, pkg: pkg, info: info}, nil
}

// parse parses a file once per run, with go/packages' mode.
func (u *universe) parse(name string) (*ast.File, error) {
	u.parseMu.Lock()
	pf := u.parsed[name]
	if pf == nil {
		pf = new(parsedFile)
		u.parsed[name] = pf
	}
	u.parseMu.Unlock()
	pf.once.Do(func() {
		pf.file, pf.err = parser.ParseFile(u.fset, name, nil, parser.AllErrors|parser.ParseComments)
	})
	return pf.file, pf.err
}

type importerFunc func(path string) (*types.Package, error)

func (f importerFunc) Import(path string) (*types.Package, error) { return f(path) }
