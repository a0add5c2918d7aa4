package index

import (
	"go/ast"
	"go/token"
	"go/types"
)

// Option loops. A function that builds a pool and applies options to it
// (for _, o := range opts { o(s) }, or apply(s) for one option parameter)
// writes what the options write. The options are function values of a
// type that takes the pool; they are followed as values, as the option
// walk follows a kind's functional options (options.go): closures,
// declared functions, and the results of functions and methods of this
// package that return them (their return statements, with the
// constructor's parameters bound to the call's arguments, so that
// WithIdle(30*time.Second) gives the closure's d its value); through
// local variables, slice literals and appends; through the parameters of
// unexported functions whose every use is a call (the union over those
// calls, outside test code). An option of unknown origin (another
// package's function value, a field, an exported function's parameter)
// makes the loop opaque. Nothing of this depends on the pool's kind.

// An AppliedOption is one option function an option loop applies to a
// pool.
type AppliedOption struct {
	Func  ast.Node   // the option's *ast.FuncLit or *ast.FuncDecl
	Param *types.Var // its parameter that receives the pool
	// Bind maps the parameters of the functions that built the closure to
	// the arguments of the calls that built it.
	Bind map[*types.Var]ast.Expr
	// At is the option as its caller gives it (WithIdle(d), a closure);
	// Added is the expression that adds it to what is passed at Passed,
	// the call in the same function that hands it on toward the loop.
	At     ast.Expr
	Added  ast.Node
	Passed ast.Node
}

// A LoopCaller is one call that gives the loop its options, with the
// options it gives (on some of its paths, see Added).
type LoopCaller struct {
	Call    ast.Node
	Options []AppliedOption
}

// LoopOptions is what an option loop applies, over every visible caller.
type LoopOptions struct {
	Callers []LoopCaller
	// Opaque is the first place options out of sight come in.
	Opaque ast.Node
	// Exported is the exported function whose parameter the options come
	// through when no caller in this package passes any: its callers are
	// out of sight (their options are unknown; with none, the factory's
	// default, see Opaque).
	Exported *types.Func
}

// OptionLoop returns what the call o(pool), a call of a function value
// handed a pool, applies, when o is an option of a loop (a range variable
// over a slice of options) or a parameter of function type; nil
// otherwise.
func (ix *Index) OptionLoop(call *ast.CallExpr) *LoopOptions {
	id, ok := ast.Unparen(call.Fun).(*ast.Ident)
	if !ok {
		return nil
	}
	v, ok := ix.Info.Uses[id].(*types.Var)
	if !ok || ix.AddrTaken[v] {
		return nil
	}
	if ix.loops == nil {
		ix.loops = map[*types.Var]*LoopOptions{}
	}
	if l, ok := ix.loops[v]; ok {
		return l
	}
	var l *LoopOptions
	if x := ix.rangedOver(call, v); x != nil {
		l = &LoopOptions{}
		newLoopWalk(ix, l).slice(x, nil, nil, 0)
	} else if pr, ok := ix.ParamOf(v); ok && !pr.result && len(ix.WholeWrites[v]) == 0 {
		l = &LoopOptions{}
		newLoopWalk(ix, l).param(v, id, nil, false, 0)
	}
	ix.loops[v] = l
	return l
}

// rangedOver returns X of the range statement around call whose value
// variable is v (for _, v := range X), or nil.
func (ix *Index) rangedOver(call *ast.CallExpr, v *types.Var) ast.Expr {
	cur, ok := ix.Inspector.Root().FindNode(call)
	if !ok {
		return nil
	}
	for c := range cur.Enclosing((*ast.RangeStmt)(nil), (*ast.FuncLit)(nil), (*ast.FuncDecl)(nil)) {
		rs, ok := c.Node().(*ast.RangeStmt)
		if !ok {
			return nil
		}
		if id, ok := rs.Value.(*ast.Ident); ok && ix.Info.Defs[id] == v && rs.Tok == token.DEFINE {
			return rs.X
		}
	}
	return nil
}

// A loopWalk follows the expressions that give an option loop its options.
type loopWalk struct {
	ix     *Index
	l      *LoopOptions
	cur    int // the index of the caller whose options are followed, -1: none yet
	own    int // the index of the loop's own options (Call nil), -1: none yet
	active map[*types.Func]bool
	seen   map[*types.Var]bool // local slices followed (a reassigned parameter: then its callers)
}

func newLoopWalk(ix *Index, l *LoopOptions) *loopWalk {
	return &loopWalk{ix: ix, l: l, cur: -1, own: -1, active: map[*types.Func]bool{}, seen: map[*types.Var]bool{}}
}

const maxLoopDepth = 8

func (w *loopWalk) opaque(n ast.Node) {
	if w.l.Opaque == nil {
		w.l.Opaque = n
	}
}

// slice follows a slice of options: a literal, an append, a variable, a
// parameter (its callers' arguments). added is the expression that adds
// what is followed to the slice (nil: e itself), passed the call that
// hands the slice on toward the loop (nil: the loop's own function).
func (w *loopWalk) slice(e ast.Expr, added, passed ast.Node, depth int) {
	if depth > maxLoopDepth {
		w.opaque(e)
		return
	}
	switch x := ast.Unparen(e).(type) {
	case *ast.CompositeLit:
		for _, elt := range x.Elts {
			if kv, ok := elt.(*ast.KeyValueExpr); ok {
				elt = kv.Value
			}
			w.option(elt, or(added, elt), passed, nil, depth+1)
		}
		return
	case *ast.CallExpr:
		if b, ok := w.ix.Info.Uses[calleeIdent(x)].(*types.Builtin); ok && b.Name() == "append" && len(x.Args) > 0 {
			w.slice(x.Args[0], added, passed, depth+1)
			rest := x.Args[1:]
			if x.Ellipsis.IsValid() && len(rest) > 0 {
				w.slice(rest[len(rest)-1], or(added, x), passed, depth+1)
				rest = rest[:len(rest)-1]
			}
			for _, a := range rest {
				w.option(a, or(added, x), passed, nil, depth+1)
			}
			return
		}
	case *ast.SliceExpr:
		w.slice(x.X, added, passed, depth+1)
		return
	case *ast.Ident:
		if _, ok := w.ix.Info.Uses[x].(*types.Nil); ok {
			return
		}
		v, ok := w.ix.Info.Uses[x].(*types.Var)
		if !ok {
			break
		}
		_, _, isParam := w.ix.ParamFunc(v)
		if isParam && (len(w.ix.WholeWrites[v]) == 0 || w.seen[v]) {
			w.param(v, x, added, true, depth+1)
			return
		}
		if IsLocal(v) && !w.ix.AddrTaken[v] {
			if w.seen[v] && !isParam {
				return // opts = append(opts, ...): its other writes are followed once
			}
			w.seen[v] = true
			for _, wr := range w.ix.WholeWrites[v] {
				if wr == nil {
					w.opaque(x)
					continue
				}
				w.slice(wr, or(added, wr), passed, depth+1)
			}
			return
		}
	}
	w.opaque(e)
}

// param follows a parameter that holds options (a slice when isSlice):
// what every call of its function outside test code passes, for an
// unexported function whose every use is a call. Each call of the
// outermost such function is a caller of its own.
func (w *loopWalk) param(v *types.Var, at ast.Expr, added ast.Node, isSlice bool, depth int) {
	fn, i, _ := w.ix.ParamFunc(v)
	if w.active[fn] {
		return // a recursive call passes on what it was given
	}
	calls, all := w.ix.CallsOf(fn)
	if fn.Exported() && w.cur < 0 && len(calls) == 0 && all {
		if w.l.Exported == nil {
			w.l.Exported = fn
		}
		w.opaque(at)
		return
	}
	if !all || fn.Exported() || len(calls) == 0 {
		w.opaque(at) // callers out of sight, or none: what they pass is unknown
		return
	}
	w.active[fn] = true
	defer delete(w.active, fn)
	for _, c := range calls {
		if w.ix.quiet != nil && w.ix.quiet.At(c.Pos()) || w.ix.Encloses(fn, c) {
			continue
		}
		top := w.cur < 0
		if top {
			w.l.Callers = append(w.l.Callers, LoopCaller{Call: c})
			w.cur = len(w.l.Callers) - 1
		}
		w.args(c, fn, i, isSlice, added, depth)
		if top {
			w.cur = -1
		}
	}
}

// args follows what call c gives parameter i of fn.
func (w *loopWalk) args(c *ast.CallExpr, fn *types.Func, i int, isSlice bool, added ast.Node, depth int) {
	sig := fn.Signature()
	n := sig.Params().Len()
	if sig.Variadic() && i == n-1 {
		if i > len(c.Args) {
			return
		}
		rest := c.Args[i:]
		if c.Ellipsis.IsValid() && len(rest) == 1 {
			w.slice(rest[0], added, c, depth+1)
			return
		}
		for _, a := range rest {
			w.option(a, or(added, a), c, nil, depth+1)
		}
		return
	}
	if i >= len(c.Args) {
		w.opaque(c)
		return
	}
	if isSlice {
		w.slice(c.Args[i], added, c, depth+1)
	} else {
		w.option(c.Args[i], or(added, c.Args[i]), c, nil, depth+1)
	}
}

// option follows one option: a closure, a declared function, a call of a
// function or method of this package that returns one (bind: the
// parameters bound so far), or a local variable holding one.
func (w *loopWalk) option(e ast.Expr, added, passed ast.Node, bind map[*types.Var]ast.Expr, depth int) {
	if depth > maxLoopDepth {
		w.opaque(e)
		return
	}
	add := func(fn ast.Node, typ *ast.FuncType) {
		if typ.Params == nil || len(typ.Params.List) == 0 || len(typ.Params.List[0].Names) == 0 {
			return // the option ignores the pool
		}
		p, _ := w.ix.Info.Defs[typ.Params.List[0].Names[0]].(*types.Var)
		if p == nil {
			return
		}
		o := AppliedOption{Func: fn, Param: p, Bind: bind, At: e, Added: added, Passed: passed}
		i := w.cur
		if i < 0 {
			if w.own < 0 {
				w.l.Callers = append(w.l.Callers, LoopCaller{})
				w.own = len(w.l.Callers) - 1
			}
			i = w.own
		}
		w.l.Callers[i].Options = append(w.l.Callers[i].Options, o)
	}
	switch x := ast.Unparen(e).(type) {
	case *ast.FuncLit:
		add(x, x.Type)
		return
	case *ast.CallExpr:
		if w.results(x, added, passed, bind, depth) {
			return
		}
	case *ast.Ident, *ast.SelectorExpr:
		if id, ok := x.(*ast.Ident); ok {
			if _, ok := w.ix.Info.Uses[id].(*types.Nil); ok {
				return
			}
		}
		if fn := w.ix.namedFunc(x); fn != nil && fn.Pkg() == w.ix.Pkg {
			if decl := w.ix.FuncDecl(fn); decl != nil && decl.Body != nil {
				add(decl, decl.Type)
				return
			}
		}
		if v := w.ix.varOf(x); v != nil && IsLocal(v) && !w.ix.AddrTaken[v] {
			if _, _, isParam := w.ix.ParamFunc(v); !isParam && len(w.ix.WholeWrites[v]) > 0 {
				for _, wr := range w.ix.WholeWrites[v] {
					if wr == nil {
						w.opaque(x)
						continue
					}
					w.option(wr, added, passed, bind, depth+1)
				}
				return
			}
		}
	}
	w.opaque(e)
}

// results follows what c, a call of a function or method of this
// package, returns: its return statements, with its parameters (and its
// receiver) bound to c's arguments. It reports whether c is one.
func (w *loopWalk) results(c *ast.CallExpr, added, passed ast.Node, bind map[*types.Var]ast.Expr, depth int) bool {
	fn := w.ix.Callee(c)
	if fn == nil || fn.Pkg() != w.ix.Pkg || isMethodExpr(w.ix.Info, c) {
		return false
	}
	fn = fn.Origin()
	decl := w.ix.FuncDecl(fn)
	if decl == nil || decl.Body == nil || w.active[fn] {
		return false
	}
	w.active[fn] = true
	defer delete(w.active, fn)
	inner := map[*types.Var]ast.Expr{}
	for v, e := range bind {
		inner[v] = e
	}
	sig := fn.Signature()
	for i := range sig.Params().Len() {
		if i < len(c.Args) && !(sig.Variadic() && i == sig.Params().Len()-1) {
			inner[sig.Params().At(i)] = c.Args[i]
		}
	}
	if recv := sig.Recv(); recv != nil {
		if sel, ok := ast.Unparen(c.Fun).(*ast.SelectorExpr); ok {
			inner[recv] = sel.X
		}
	}
	ast.Inspect(decl.Body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.ReturnStmt:
			if len(n.Results) != 1 {
				w.opaque(n)
				return true
			}
			w.option(n.Results[0], added, passed, inner, depth+1)
		}
		return true
	})
	return true
}

func or(a, b ast.Node) ast.Node {
	if a != nil {
		return a
	}
	return b
}
