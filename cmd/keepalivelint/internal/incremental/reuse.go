package incremental

// What a run takes from the packages it reuses: which they are, their
// types (the go command's export data) and their facts (the cache).

import (
	"fmt"
	"go/types"
	"os"
	"slices"
	"strings"
	"time"

	"golang.org/x/tools/go/packages"
)

// findHits marks the packages whose results the cache holds, with those
// of everything they import (so that a reused package never depends on
// one analyzed again).
func (r *runner) findHits(all []*packages.Package) {
	for _, p := range all {
		n := r.nodes[p]
		n.hit = r.st.has(n.key, kindResult)
		for _, dep := range p.Imports {
			n.hit = n.hit && r.nodes[dep].hit
		}
	}
}

// prepare builds, before any package is type-checked, what the misses
// need of the rest: a package for everything they import, the types of
// the reused packages they import directly (from export data, in
// dependency order), and the facts of every reused package they import.
func (r *runner) prepare(misses []*node) error {
	closure := map[*packages.Package]bool{}
	var order []*packages.Package
	var visit func(p *packages.Package)
	visit = func(p *packages.Package) {
		if closure[p] {
			return
		}
		closure[p] = true
		for _, dep := range p.Imports {
			visit(dep)
		}
		order = append(order, p)
	}
	for _, n := range misses {
		visit(n.pkg)
	}
	direct := map[*packages.Package]bool{}
	for _, n := range misses {
		for _, dep := range n.pkg.Imports {
			if r.nodes[dep].hit {
				direct[dep] = true
			}
		}
	}
	start := time.Now()
	exports, err := r.exportFiles(direct)
	if err != nil {
		return err
	}
	r.st.note("go list -export of %d packages in %v", len(direct), time.Since(start).Round(time.Millisecond))
	for _, p := range order {
		r.u.placeholder(p)
		n := r.nodes[p]
		if !n.hit {
			continue
		}
		if direct[p] && p.PkgPath != "unsafe" {
			if err := r.u.readExport(p, exports[p.ID]); err != nil {
				return fmt.Errorf("%w: export data of %s: %v", errFallback, p.ID, err)
			}
		}
		if err := r.readFacts(n); err != nil {
			return err
		}
	}
	for _, p := range order {
		r.linkImports(r.nodes[p])
	}
	r.st.note("read their types and facts in %v", time.Since(start).Round(time.Millisecond))
	return nil
}

// linkImports records what n imports, directly or not, by package.
func (r *runner) linkImports(n *node) {
	n.byTypes = map[*types.Package]*node{}
	n.direct = map[*types.Package]bool{}
	for _, dep := range n.pkg.Imports {
		n.direct[r.u.placeholder(dep)] = true
	}
	var visit func(p *packages.Package)
	visit = func(p *packages.Package) {
		for _, dep := range p.Imports {
			t := r.u.placeholder(dep)
			if _, ok := n.byTypes[t]; !ok {
				n.byTypes[t] = r.nodes[dep]
				visit(dep)
			}
		}
	}
	visit(n.pkg)
}

// readFacts loads a reused package's facts into this run's objects.
func (r *runner) readFacts(n *node) error {
	res, err := r.readResult(n)
	if err != nil {
		return err
	}
	n.facts = decodeFacts(res.Facts, r.u.placeholder(n.pkg), r.byName)
	return nil
}

func (r *runner) readDiagnostics(n *node) error {
	res, err := r.readResult(n)
	if err != nil {
		return err
	}
	n.diags = res.Diagnostics
	return nil
}

func (r *runner) readResult(n *node) (result, error) {
	if n.entry != nil {
		return *n.entry, nil // a root that a package analyzed again imports
	}
	data := r.st.get(n.key, kindResult)
	if data == nil {
		return result{}, fmt.Errorf("%w: the cache entry of %s vanished", errFallback, n.pkg.ID)
	}
	res, err := decodeResult(data)
	if err != nil {
		r.st.remove(n.key, kindResult) // analyzed again next time
		return result{}, fmt.Errorf("%w: corrupt cache entry of %s (removed): %v", errFallback, n.pkg.ID, err)
	}
	n.entry = &res
	return res, nil
}

// exportFiles finds the export data of the reused packages that packages
// analyzed again import: the compiler's output in the go command's build
// cache, by ID. Where an earlier run asked the go command for a package
// with the same key, the file it named is used while it exists (the build
// cache names a compiled package's output by its content, which the key
// determines); for the others, go list -export (from the build cache when
// it is warm). A test variant "q [p.test]" is listed with p's tests.
func (r *runner) exportFiles(need map[*packages.Package]bool) (map[string]string, error) {
	files := map[string]string{}
	var patterns []string
	tests := false
	for p := range need {
		if p.PkgPath == "unsafe" {
			continue
		}
		if name := string(r.st.get(r.nodes[p].key, kindExportFile)); name != "" {
			if _, err := os.Stat(name); err == nil {
				files[p.ID] = name
				continue
			}
		}
		pattern := p.PkgPath
		if _, variant, ok := strings.Cut(p.ID, " ["); ok {
			pattern, tests = strings.TrimSuffix(variant, ".test]"), true
		}
		if !slices.Contains(patterns, pattern) {
			patterns = append(patterns, pattern)
		}
	}
	if len(patterns) > 0 {
		listed, err := r.listExports(patterns, tests)
		if err != nil {
			return nil, err
		}
		for p := range need {
			if name := listed[p.ID]; name != "" && files[p.ID] == "" {
				files[p.ID] = name
				r.st.put(r.nodes[p].key, kindExportFile, []byte(name))
			}
		}
	}
	for p := range need {
		if p.PkgPath != "unsafe" && files[p.ID] == "" {
			return nil, fmt.Errorf("%w: go list -export gave no export data for %s", errFallback, p.ID)
		}
	}
	return files, nil
}
