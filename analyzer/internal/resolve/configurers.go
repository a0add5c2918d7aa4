package resolve

import (
	"go/ast"
	"go/types"

	"github.com/keepalivelint/keepalivelint/analyzer/internal/index"
	"github.com/keepalivelint/keepalivelint/analyzer/internal/summaries"
	"github.com/keepalivelint/keepalivelint/analyzer/internal/values"
)

// Configurers of this package called with values. A function or method of
// this package that writes a knob from its parameter (func (s *Server)
// UseIdleTimeout(d time.Duration) { s.IdleTimeout = d }, a setter of a
// house type that embeds the pool) gives the pool the argument of each
// call (s.UseIdleTimeout(30*time.Second): 30s, reported and fixed there),
// as an option loop's closure does. Its summary (effects) keeps only
// constants, for callers in other packages; a write under a guard on the
// pool's fields is left to that summary, which the caller evaluates.

// boundCallee returns what the call of h, a function of this package,
// writes to knob name of p, with the callee's parameters bound to the
// call's arguments; ok is false when the summary must decide (another
// package's callee, a guarded write, a callee out of sight).
func (s *Resolver) boundCallee(p *index.Pool, h index.Handoff, name string) ([]values.Value, bool) {
	if h.Callee == nil || h.Param == nil || h.Callee.Pkg() != s.Index.Pkg || s.depth > 8 {
		return nil, false
	}
	eff, ok := s.Effects.CalleeEffect(h, 0)
	if !ok {
		return nil, false
	}
	for _, w := range eff.Writes {
		if w.Knob == name && w.Guard != nil {
			return nil, false
		}
	}
	decl := s.Index.FuncDecl(h.Callee)
	if decl == nil || decl.Body == nil {
		return nil, false
	}
	s.depth++
	defer func() { s.depth-- }()
	o := index.AppliedOption{Func: decl, Param: h.Param, Bind: argsOf(h.Callee, h.Call)}
	return s.appliedValues(p, o, name, nil), true
}

// argsOf binds fn's parameters to the arguments of call (not a variadic
// parameter).
func argsOf(fn *types.Func, call *ast.CallExpr) map[*types.Var]ast.Expr {
	sig := fn.Signature()
	bind := map[*types.Var]ast.Expr{}
	for i := range sig.Params().Len() {
		if i < len(call.Args) && !(sig.Variadic() && i == sig.Params().Len()-1) {
			bind[sig.Params().At(i)] = call.Args[i]
		}
	}
	return bind
}

// argValue returns the value of w at call when w is a parameter's value
// (KnobWrite.Arg): the argument call gives it, resolved where it is given
// (a setter method of another package's house type called with a
// constant, s.UseIdleTimeout(30*time.Second)).
func (s *Resolver) argValue(w summaries.KnobWrite, call *ast.CallExpr) (values.Value, bool) {
	if w.Known || w.Arg <= 0 || w.Arg-1 >= len(call.Args) {
		return values.Value{}, false
	}
	arg := call.Args[w.Arg-1]
	return s.resolveBound(arg, arg, nil), true
}
