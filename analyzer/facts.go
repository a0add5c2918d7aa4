package analyzer

import (
	"go/ast"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/types/typeutil"

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
	opens := map[*types.Func]*summaries.OpenedPool{}
	returns := map[*types.Func]*summaries.ReturnedPool{}
	for _, p := range pools {
		if fn := p.Factory; fn != nil && fn.Exported() && p.Kind.Built && p.Origin != index.FromUnknown {
			returns[fn] = s.Returned(ix.AsReturned(p)) // as other packages get it
		}
		if p.Kind.OptionType != "" {
			if fn, o := dialingWrapper(ix, sum, s, p); fn != nil {
				opens[fn] = o
			}
			continue
		}
		if p.Kind.Fix != kinds.FixSetter || p.Call == nil {
			continue // only open-then-set pools are configured by callers
		}
		if fn := index.ExportedFactory(ix.Holders(p)); fn != nil && !ix.HasSetters(p) {
			opens[fn] = &summaries.OpenedPool{Kind: p.Kind.Type}
			wrapperDriver(ix, p, fn, opens[fn])
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
			fact.Opens = opens[fn]
			fact.Returns = returns[fn]
			fact.Options = resultOptions(ix, sum, s, fn)
			if len(fact.Params) > 0 || fact.Opens != nil || fact.Returns != nil || len(fact.Stores) > 0 || len(fact.SlotWrites) > 0 || fact.Options != nil {
				pass.ExportObjectFact(fn, &fact)
				// An option helper alone hands no pool: its callers import
				// the option's package to use its result.
				exported = exported || !(fact.Options != nil && len(fact.Params) == 0 && fact.Opens == nil && fact.Returns == nil && len(fact.Stores) == 0 && len(fact.SlotWrites) == 0)
			}
		}
	}
}

// dialingWrapper returns the exported function p is opened in when it is
// a dialing wrapper (its opener's options are in sight but for those of
// one of its parameters, which its callers pass) and does not close the
// pool itself, with what it opens: the kind and its own options, whose
// Params name that parameter. Its callers' calls become sites. A wrapper
// whose own options a fact cannot carry whole (a dial function) exports
// nothing: its callers would only be dynamic.
func dialingWrapper(ix *index.Index, sum *effects.Summarizer, s *resolve.Resolver, p *index.Pool) (*types.Func, *summaries.OpenedPool) {
	if p.Call == nil || p.Kind.Closer != "" && ix.ClosedOnReturn(p.Obj, p.Kind.Closer) {
		return nil, nil
	}
	l := index.Options(ix, p, sum.OptionFact)
	pu, ok := l.OnlyParam()
	if !ok || !pu.Func.Exported() || !ix.Encloses(pu.Func, p.Call) {
		return nil, nil
	}
	set := s.OptionSet(l, p.Kind, pu.Func)
	if set.Unknown {
		return nil, nil // its callers could only be dynamic (a dial function a fact cannot carry)
	}
	return pu.Func, &summaries.OpenedPool{Kind: p.Kind.Type, Options: set}
}

// resultOptions returns what fn returns as options, when it is exported
// and its result is an option or a slice of options of a kind whose knobs
// are options (and fn is no function of that kind's own package, whose
// options are known by name).
func resultOptions(ix *index.Index, sum *effects.Summarizer, s *resolve.Resolver, fn *types.Func) *summaries.OptionSet {
	if !fn.Exported() {
		return nil
	}
	res := fn.Signature().Results()
	for i := range res.Len() {
		k := kinds.OfOption(res.At(i).Type())
		if k == nil {
			continue
		}
		if kinds.TrimVendor(fn.Pkg().Path()) == k.OptionPackage() {
			return nil
		}
		return s.OptionSet(index.ResultOptions(ix, fn, k, sum.OptionFact), k, fn)
	}
	return nil
}

// Slots: a library that keeps a caller's pool in a field of its own
// struct (a functional-option client: client.WithHTTPClient(c) stores c,
// client.WithHost(h) later configures c.Transport) is followed through
// that field. A slot names the field, with ".Transport" when the field
// holds an *http.Client whose transport is the pool:
// "github.com/moby/moby/client.clientConfig.client.Transport".

// flagVars returns the exported package variables of pass's package
// declared as a flag's pointer (var Idle = flag.Duration("idle", d, "")):
// other packages read them, and their default is this package's to tell.
func flagVars(pass *analysis.Pass) []*types.Var {
	if pass.ExportObjectFact == nil {
		return nil
	}
	var vars []*types.Var
	for _, f := range pass.Files {
		for _, d := range f.Decls {
			gen, ok := d.(*ast.GenDecl)
			if !ok || gen.Tok != token.VAR {
				continue
			}
			for _, spec := range gen.Specs {
				vs := spec.(*ast.ValueSpec)
				if len(vs.Values) != len(vs.Names) {
					continue
				}
				for i, name := range vs.Names {
					v, ok := pass.TypesInfo.Defs[name].(*types.Var)
					call, isCall := ast.Unparen(vs.Values[i]).(*ast.CallExpr)
					if !ok || !isCall || !v.Exported() {
						continue
					}
					fn, _ := typeutil.Callee(pass.TypesInfo, call).(*types.Func)
					if ff, ok := kinds.FlagFuncOf(fn); ok && ff.Target < 0 {
						vars = append(vars, v)
					}
				}
			}
		}
	}
	return vars
}

// exportFlagDefaults exports the default of each flag variable of vars
// whose default is known (resolve/flagfacts.go).
func exportFlagDefaults(pass *analysis.Pass, s *resolve.Resolver, vars []*types.Var) {
	for _, v := range vars {
		if d := s.Defaults.ExportedFlagDefault(v); d != nil {
			pass.ExportObjectFact(v, d)
		}
	}
}
