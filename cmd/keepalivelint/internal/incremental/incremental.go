// Package incremental is the command's driver with a cache: it analyzes
// packages as x/tools' standalone driver does (every dependency, for its
// facts) and keeps each package's facts and diagnostics on disk, keyed by
// everything they depend on. A later run analyzes again only the packages
// whose key changed: it reads their unchanged imports' types from the go
// command's export data and their facts from the cache, instead of
// loading the whole program from source; and it keeps the package graph
// too, while no file's header changes (listing.go). This is the design of
// staticcheck's runner and of the go command's vet cache, in one process.
//
// What it does not handle (a package with errors, a corrupt entry) is
// errFallback: the caller runs the standalone driver.
package incremental

import (
	"fmt"
	"go/types"
	"runtime"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/packages"
)

// Options are a run's inputs.
type Options struct {
	Analyzers []*analysis.Analyzer
	Patterns  []string
	Tests     bool     // analyze test variants too (-test)
	Tags      string   // -tags
	Tool      string   // what identifies the tool and its flags, for the keys
	CacheDir  string   // where entries are kept
	Dir       string   // the working directory ("" is the current one)
	Env       []string // the go command's environment (nil: os.Environ)
}

// A Result is what a run found.
type Result struct {
	// Roots are the packages the patterns matched, in the order x/tools'
	// checker prints them (a depth-first walk of the imports from each
	// pattern's packages), with their diagnostics.
	Roots []Root
	// Packages, Reused: how many packages the run involved, and how many
	// of them it took from the cache.
	Packages, Reused int
	// Notes say what went wrong with the cache (never an error): for
	// -debug.
	Notes []string
	// Unwritable is why the cache could not be written during the run,
	// or nil: the next run will be as cold.
	Unwritable error
}

// A Root is a package the patterns matched.
type Root struct {
	ID          string
	Diagnostics []Diagnostic
}

type runner struct {
	Options
	order  []*analysis.Analyzer // the analyzers and what they require, each after its requirements
	byName map[string]*analysis.Analyzer
	st     *store
	u      *universe
	nodes  map[*packages.Package]*node
}

// Run analyzes the packages of the patterns.
func Run(opts Options) (*Result, error) {
	r := &runner{Options: opts, nodes: map[*packages.Package]*node{}, byName: map[string]*analysis.Analyzer{}}
	r.order = requiredOrder(opts.Analyzers)
	for _, a := range r.order {
		r.byName[a.Name] = a
	}
	registerFacts(r.order)
	st, err := openStore(opts.CacheDir)
	if err != nil {
		return nil, err
	}
	r.st = st

	env, envJSON, err := readGoEnv(opts.Dir)
	if err != nil {
		return nil, err
	}
	start := time.Now()
	lkey := listingKey(opts, envJSON)
	roots := r.keptListing(lkey)
	listed := roots == nil
	if listed {
		if roots, err = r.load(); err != nil {
			return nil, err
		}
	}
	// The sizes go/packages would ask the go command for, in a process
	// of its own: the compiler's for the target architecture.
	compiler := "gc"
	if strings.Contains(env.GOFLAGS, "-compiler=gccgo") {
		compiler = "gccgo"
	}
	sizes := types.SizesFor(compiler, env.GOARCH)
	if sizes == nil {
		sizes = types.SizesFor("gc", "amd64")
	}
	r.st.note("listed the packages in %v (go list: %v)", time.Since(start).Round(time.Millisecond), listed)
	all := postorder(roots)
	for _, p := range all {
		p.TypesSizes = sizes
	}
	h := newHasher(opts.Tool, env, envJSON)
	for _, p := range all {
		k, err := h.key(p)
		if err != nil {
			return nil, fmt.Errorf("%w: %v", errFallback, err)
		}
		r.nodes[p] = &node{pkg: p, key: k}
	}
	if listed {
		r.keepListing(lkey, roots, all, h, env.GOWORK)
	}
	r.st.note("keyed them in %v", time.Since(start).Round(time.Millisecond))
	r.findHits(all)
	if err := r.analyzeMisses(all); err != nil {
		return nil, err
	}
	r.st.note("analyzed the others in %v", time.Since(start).Round(time.Millisecond))
	res := &Result{Packages: len(all)}
	for _, p := range all {
		if r.nodes[p].hit {
			res.Reused++
		}
	}
	isRoot := map[*packages.Package]bool{}
	for _, p := range roots {
		isRoot[p] = true
	}
	for _, p := range all {
		if !isRoot[p] {
			continue
		}
		n := r.nodes[p]
		if n.hit {
			if err := r.readDiagnostics(n); err != nil {
				return nil, err
			}
		}
		res.Roots = append(res.Roots, Root{ID: p.ID, Diagnostics: n.diags})
	}
	res.Notes = r.st.notes
	res.Unwritable = r.st.unwritable
	return res, nil
}

// load lists the packages (no syntax: the cache decides what to parse).
// A package with errors is errFallback.
func (r *runner) load() ([]*packages.Package, error) {
	cfg := &packages.Config{
		Mode: packages.NeedName | packages.NeedFiles | packages.NeedCompiledGoFiles | packages.NeedImports |
			packages.NeedDeps | packages.NeedModule,
		Tests: r.Tests,
		Dir:   r.Dir,
		Env:   r.Env,
	}
	if r.Tags != "" {
		cfg.BuildFlags = []string{"-tags=" + r.Tags}
	}
	roots, err := packages.Load(cfg, r.Patterns...)
	if err != nil {
		if _, msg, ok := strings.Cut(err.Error(), "stderr: "); ok && strings.TrimSpace(msg) != "" {
			// The go command failed outright (no go.mod): what it said.
			return nil, &NoPackageError{Messages: []string{strings.TrimSpace(msg)}}
		}
		return nil, fmt.Errorf("%w: %v", errFallback, err)
	}
	if len(roots) == 0 {
		return nil, fmt.Errorf("%w: %s matched no packages", errFallback, strings.Join(r.Patterns, " "))
	}
	if err := noPackage(roots); err != nil {
		return nil, err
	}
	var bad error
	packages.Visit(roots, nil, func(p *packages.Package) {
		if len(p.Errors) > 0 && bad == nil {
			bad = fmt.Errorf("%w: %s: %v", errFallback, p.ID, p.Errors[0])
		}
	})
	return roots, bad
}

// postorder lists the packages of the graph, each after its imports
// (sorted by import path), from the roots in order: the order in which
// x/tools' checker visits its actions.
func postorder(roots []*packages.Package) []*packages.Package {
	var out []*packages.Package
	seen := map[*packages.Package]bool{}
	var visit func(p *packages.Package)
	visit = func(p *packages.Package) {
		if seen[p] {
			return
		}
		seen[p] = true
		paths := make([]string, 0, len(p.Imports))
		for path := range p.Imports {
			paths = append(paths, path)
		}
		sort.Strings(paths)
		for _, path := range paths {
			visit(p.Imports[path])
		}
		out = append(out, p)
	}
	for _, p := range roots {
		visit(p)
	}
	return out
}

// analyzeMisses analyzes the packages the cache does not hold, in
// parallel, each after its imports.
func (r *runner) analyzeMisses(all []*packages.Package) error {
	var misses []*node
	for _, p := range all {
		if n := r.nodes[p]; !n.hit {
			misses = append(misses, n)
		}
	}
	if len(misses) == 0 {
		return nil
	}
	r.u = newUniverse()
	if err := r.prepare(misses); err != nil {
		return err
	}
	sem := make(chan struct{}, runtime.GOMAXPROCS(0))
	var wg sync.WaitGroup
	for _, n := range misses {
		n.done = make(chan struct{})
	}
	for _, n := range misses {
		wg.Add(1)
		go func() {
			defer wg.Done()
			defer close(n.done)
			for _, dep := range n.pkg.Imports {
				if d := r.nodes[dep]; !d.hit {
					<-d.done
					if d.err != nil {
						n.err = d.err
						return
					}
				}
			}
			sem <- struct{}{}
			defer func() { <-sem }()
			n.err = r.analyzeOne(n)
		}()
	}
	wg.Wait()
	var errs []error
	for _, n := range misses {
		if n.err != nil {
			errs = append(errs, n.err)
		}
	}
	if len(errs) > 0 {
		return errs[0]
	}
	return nil
}

// analyzeOne type-checks and analyzes a package the cache did not hold,
// and keeps its results.
func (r *runner) analyzeOne(n *node) error {
	c, err := r.u.check(n.pkg)
	if err != nil {
		return err
	}
	if err := r.analyze(n, c); err != nil {
		return err
	}
	if n.err != nil {
		return n.err
	}
	data, err := encodeResult(result{Facts: encodeFacts(n.facts), Diagnostics: n.diags})
	if err != nil {
		return fmt.Errorf("%s: encoding facts: %v", n.pkg.ID, err)
	}
	r.st.put(n.key, kindResult, data)
	return nil
}

// requiredOrder lists the analyzers and those they require, each after
// its requirements.
func requiredOrder(analyzers []*analysis.Analyzer) []*analysis.Analyzer {
	var out []*analysis.Analyzer
	var visit func(a *analysis.Analyzer)
	visit = func(a *analysis.Analyzer) {
		if slices.Contains(out, a) {
			return
		}
		for _, req := range a.Requires {
			visit(req)
		}
		out = append(out, a)
	}
	for _, a := range analyzers {
		visit(a)
	}
	return out
}

// listExports runs go list -export -deps over patterns: export files by ID.
func (r *runner) listExports(patterns []string, tests bool) (map[string]string, error) {
	slices.Sort(patterns)
	cfg := &packages.Config{
		Mode:  packages.NeedName | packages.NeedExportFile | packages.NeedImports | packages.NeedDeps,
		Tests: tests,
		Dir:   r.Dir,
		Env:   r.Env,
	}
	if r.Tags != "" {
		cfg.BuildFlags = []string{"-tags=" + r.Tags}
	}
	listed, err := packages.Load(cfg, patterns...)
	if err != nil {
		return nil, fmt.Errorf("%w: go list -export: %v", errFallback, err)
	}
	files := map[string]string{}
	packages.Visit(listed, nil, func(p *packages.Package) {
		if p.ExportFile != "" {
			files[p.ID] = p.ExportFile
		}
	})
	return files, nil
}

// A NoPackageError is a command line whose patterns name no package: a
// directory that does not exist, a pattern outside every module, no
// go.mod. Messages are what the go command said, printed as go vet prints
// them; there is nothing to analyze, and the standalone driver would only
// add "analysis skipped due to errors in package".
type NoPackageError struct {
	Messages []string
}

func (e *NoPackageError) Error() string { return strings.Join(e.Messages, "\n") }

// noPackage returns a NoPackageError when a root is no package (the go
// command names it by the pattern, with no name and no files).
func noPackage(roots []*packages.Package) error {
	var msgs []string
	for _, p := range roots {
		if p.Name == "" && len(p.GoFiles)+len(p.CompiledGoFiles) == 0 {
			for _, e := range p.Errors {
				msgs = append(msgs, e.Msg)
			}
		}
	}
	if len(msgs) == 0 {
		return nil
	}
	return &NoPackageError{Messages: msgs}
}
