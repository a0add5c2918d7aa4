package incremental

import (
	"fmt"
	"go/types"
	"os"
	"reflect"
	"slices"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/packages"
)

// A node is one package of the graph in a run: its key, and, once known,
// its facts (from this run's analysis or the cache) and diagnostics.
type node struct {
	pkg     *packages.Package
	key     Key
	hit     bool                            // its results come from the cache
	entry   *result                         // its cache entry, once read
	facts   map[*analysis.Analyzer]*factSet // by analyzer
	diags   []Diagnostic                    // of the requested analyzers
	byTypes map[*types.Package]*node        // p and what it imports, directly or not
	direct  map[*types.Package]bool         // what it imports directly
	done    chan struct{}                   // closed when analyzed (a miss)
	err     error
}

// factsFor returns the facts an analyzer exported on n, creating the set.
func (n *node) factsFor(a *analysis.Analyzer) *factSet {
	if n.facts == nil {
		n.facts = map[*analysis.Analyzer]*factSet{}
	}
	set := n.facts[a]
	if set == nil {
		set = newFactSet()
		n.facts[a] = set
	}
	return set
}

// analyze runs the analyzers (with what they require, in order) on a
// checked package and keeps the requested ones' diagnostics.
func (r *runner) analyze(n *node, c *checked) error {
	results := map[*analysis.Analyzer]any{}
	for _, a := range r.order {
		var diags []analysis.Diagnostic
		pass := &analysis.Pass{
			Analyzer:     a,
			Fset:         r.u.fset,
			Files:        c.files,
			OtherFiles:   n.pkg.OtherFiles,
			IgnoredFiles: n.pkg.IgnoredFiles,
			Pkg:          c.pkg,
			TypesInfo:    c.info,
			TypesSizes:   n.pkg.TypesSizes,
			Module:       passModule(n.pkg.Module),
			ResultOf:     results,
			Report:       func(d analysis.Diagnostic) { diags = append(diags, d) },
			ReadFile:     readPackageFile(n.pkg),
		}
		r.bindFacts(pass, n, a)
		res, err := a.Run(pass)
		if err != nil {
			return fmt.Errorf("%s: %s: %v", a.Name, n.pkg.ID, err)
		}
		results[a] = res
		pass.ExportObjectFact = nil
		pass.ExportPackageFact = nil
		if slices.Contains(r.Analyzers, a) {
			for _, d := range diags {
				n.diags = append(n.diags, newDiagnostic(r.u.fset, d))
			}
		}
	}
	return nil
}

// bindFacts gives a pass its fact functions: its own package's facts, and
// those its imports' analyses exported that reach it (visibleFrom).
func (r *runner) bindFacts(pass *analysis.Pass, n *node, a *analysis.Analyzer) {
	own := n.factsFor(a)
	lookup := func(pkg *types.Package) (*factSet, bool) {
		if pkg == pass.Pkg {
			return own, true
		}
		dep := n.byTypes[pkg]
		if dep == nil || dep.facts == nil || dep.facts[a] == nil {
			return nil, false
		}
		return dep.facts[a], n.direct[pkg]
	}
	pass.ImportObjectFact = func(obj types.Object, ptr analysis.Fact) bool {
		if obj == nil || obj.Pkg() == nil {
			return false
		}
		set, direct := lookup(obj.Pkg())
		if set == nil || obj.Pkg() != pass.Pkg && !visibleFrom(obj, direct) {
			return false
		}
		fact, ok := set.objects[objectFactKey{obj, reflect.TypeOf(ptr)}]
		if ok {
			reflect.ValueOf(ptr).Elem().Set(reflect.ValueOf(fact).Elem())
		}
		return ok
	}
	pass.ImportPackageFact = func(pkg *types.Package, ptr analysis.Fact) bool {
		set, _ := lookup(pkg)
		if set == nil {
			return false
		}
		fact, ok := set.packages[reflect.TypeOf(ptr)]
		if ok {
			reflect.ValueOf(ptr).Elem().Set(reflect.ValueOf(fact).Elem())
		}
		return ok
	}
	pass.ExportObjectFact = func(obj types.Object, fact analysis.Fact) {
		if obj.Pkg() != pass.Pkg {
			n.err = fmt.Errorf("%s: %s: fact %T exported for %s of another package", a.Name, n.pkg.ID, fact, obj)
			return
		}
		own.objects[objectFactKey{obj, reflect.TypeOf(fact)}] = fact
	}
	pass.ExportPackageFact = func(fact analysis.Fact) {
		own.packages[reflect.TypeOf(fact)] = fact
	}
	pass.AllObjectFacts = func() []analysis.ObjectFact {
		var out []analysis.ObjectFact
		for _, dep := range r.visibleNodes(n) {
			if set := dep.facts[a]; set != nil {
				for k, f := range set.objects {
					if dep == n || visibleFrom(k.obj, n.direct[dep.typesOf(r)]) {
						out = append(out, analysis.ObjectFact{Object: k.obj, Fact: f})
					}
				}
			}
		}
		return out
	}
	pass.AllPackageFacts = func() []analysis.PackageFact {
		var out []analysis.PackageFact
		for _, dep := range r.visibleNodes(n) {
			if set := dep.facts[a]; set != nil {
				for _, f := range set.packages {
					out = append(out, analysis.PackageFact{Package: dep.typesOf(r), Fact: f})
				}
			}
		}
		return out
	}
}

// visibleNodes is n and every package it imports, directly or not.
func (r *runner) visibleNodes(n *node) []*node {
	out := []*node{n}
	for _, dep := range n.byTypes {
		if dep != n {
			out = append(out, dep)
		}
	}
	return out
}

func (n *node) typesOf(r *runner) *types.Package { return r.u.placeholder(n.pkg) }

func passModule(m *packages.Module) *analysis.Module {
	if m == nil {
		return &analysis.Module{} // never nil, as in x/tools' drivers
	}
	out := &analysis.Module{Path: m.Path, Version: m.Version, Time: m.Time, Main: m.Main, Indirect: m.Indirect, Dir: m.Dir, GoMod: m.GoMod, GoVersion: m.GoVersion}
	if m.Replace != nil {
		out.Replace = passModule(m.Replace)
	}
	if m.Error != nil {
		out.Error = &analysis.ModuleError{Err: m.Error.Err}
	}
	return out
}

// readPackageFile is Pass.ReadFile: the package's own files only, as
// x/tools' drivers allow.
func readPackageFile(p *packages.Package) func(string) ([]byte, error) {
	return func(name string) ([]byte, error) {
		for _, list := range [][]string{p.CompiledGoFiles, p.GoFiles, p.OtherFiles, p.IgnoredFiles} {
			if slices.Contains(list, name) {
				return os.ReadFile(name)
			}
		}
		return nil, fmt.Errorf("Pass.ReadFile: %s is not among the source files of package %s", name, p.PkgPath)
	}
}
