package analyzer

import (
	"go/ast"
	"go/types"

	"golang.org/x/tools/go/analysis"

	"github.com/keepalivelint/keepalivelint/analyzer/internal/effects"
	"github.com/keepalivelint/keepalivelint/analyzer/internal/index"
	"github.com/keepalivelint/keepalivelint/analyzer/internal/kinds"
	"github.com/keepalivelint/keepalivelint/analyzer/internal/resolve"
	"github.com/keepalivelint/keepalivelint/analyzer/internal/summaries"
)

// Facts carry what a function does to the pools it is given or returns
// across package boundaries, so that a call in one package is judged by
// what the callee's source, at the version the module builds with, really
// does. They are computed by this pass on every package it runs on
// (dependencies included) and exported only for functions that take or
// return a pool and do something with it.

// importsPools reports whether pass's package imports, directly, a package
// that exported pool facts.
func importsPools(pass *analysis.Pass) bool {
	if pass.ImportPackageFact == nil {
		return false
	}
	for _, imp := range pass.Pkg.Imports() {
		if pass.ImportPackageFact(imp, new(summaries.PoolsPackage)) {
			return true
		}
	}
	return false
}

// exportFacts exports a poolFact for each function of the package that
// takes a pool and configures it (or hands it on), or that returns a pool
// its callers must configure.
func exportFacts(pass *analysis.Pass, ix *index.Index, sum *effects.Summarizer, s *resolve.Resolver, pools []*index.Pool) {
	opens := map[*types.Func]*kinds.Kind{}
	returns := map[*types.Func]*summaries.ReturnedPool{}
	for _, p := range pools {
		if fn := p.Factory; fn != nil && fn.Exported() && p.Kind.Built && p.Origin != index.FromUnknown {
			returns[fn] = s.Returned(ix.AsReturned(p)) // as other packages get it
		}
		if p.Kind.Fix != kinds.FixSetter || p.Call == nil {
			continue // only open-then-set pools are configured by callers
		}
		if fn := index.ExportedFactory(ix.Holders(p)); fn != nil && !ix.HasSetters(p) {
			opens[fn] = p.Kind
		}
	}
	exported := false
	defer func() {
		if exported {
			pass.ExportPackageFact(new(summaries.PoolsPackage))
		}
	}()
	for _, f := range pass.Files {
		for _, d := range f.Decls {
			decl, ok := d.(*ast.FuncDecl)
			if !ok || decl.Body == nil {
				continue
			}
			fn, ok := pass.TypesInfo.Defs[decl.Name].(*types.Func)
			if !ok {
				continue
			}
			fact := summaries.PoolFact{Params: sum.ParamEffects(fn), Stores: sum.SlotStores(fn, decl), SlotWrites: sum.SlotEffects(decl)}
			if k := opens[fn]; k != nil {
				fact.Opens = &summaries.OpenedPool{Kind: k.Type}
			}
			fact.Returns = returns[fn]
			if len(fact.Params) > 0 || fact.Opens != nil || fact.Returns != nil || len(fact.Stores) > 0 || len(fact.SlotWrites) > 0 {
				pass.ExportObjectFact(fn, &fact)
				exported = true
			}
		}
	}
}

// Slots: a library that keeps a caller's pool in a field of its own
// struct (a functional-option client: client.WithHTTPClient(c) stores c,
// client.WithHost(h) later configures c.Transport) is followed through
// that field. A slot names the field, with ".Transport" when the field
// holds an *http.Client whose transport is the pool:
// "github.com/moby/moby/client.clientConfig.client.Transport".
