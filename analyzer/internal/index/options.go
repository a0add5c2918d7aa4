package index

import (
	"go/ast"
	"go/types"

	"github.com/keepalivelint/keepalivelint/analyzer/internal/kinds"
	"github.com/keepalivelint/keepalivelint/analyzer/internal/summaries"
)

// Options are values: for a kind whose knobs are functional options
// (kinds.Kind.OptionType), an option expression is followed to the option
// calls it may be, wherever it is kept: inline arguments, local and
// package variables, slices built with literals and appends, struct fields
// of option or option-slice type (every write in the package), functions
// of this package that return an option or a slice of options (their
// return statements, with their option parameters bound to the call's
// arguments), functions of other packages by their fact
// (summaries.OptionSet), and the options a dialing wrapper adds to its
// caller's. A call of the kind's option package that is no knob carries
// nothing idle-relevant (grpc.WithTransportCredentials).

// An OptionList is what an opener's call (or a function's result) is given
// as options of one kind.
type OptionList struct {
	// Calls are the calls of the kind's knob options seen in source.
	Calls []OptionCall
	// Facts are what functions of other packages bring in, by their facts.
	Facts []FactOptions
	// Params are the parameters (of a function of this package) the
	// options come through, not bound to a call's arguments.
	Params []ParamUse
	// Opaque is the first expression that brings in options out of sight
	// (a parameter of a closure, an interface method, a function of
	// another package without a fact, a field other packages may write).
	Opaque ast.Node
	// ZeroAt is the first expression out of sight that a zero Config
	// leaves out (zeroconfig.go): options read from a field of ZeroFunc's
	// Config parameter (cfg.DialOptions), or brought in where a zero
	// Config keeps the code from running. Out of sight unless the
	// resolver judges ZeroFunc with a zero Config.
	ZeroAt   ast.Node
	ZeroFunc *types.Func
}

// An OptionCall is a knob option's call, with the call of the site's
// function that brings it in when it is made in a helper or a wrapper
// (the paths of the site's function are followed to that call).
type OptionCall struct {
	Call *ast.CallExpr
	Via  ast.Expr
	// DeadFor is the exported function whose zero Config keeps the
	// option from being added (if cfg.Idle > 0 { opts = append(...) }).
	DeadFor *types.Func
}

// FactOptions is what a call of another package's function brings in.
type FactOptions struct {
	At      ast.Expr // the call, in this package
	Via     ast.Expr // as for an OptionCall
	Set     *summaries.OptionSet
	DeadFor *types.Func // as for an OptionCall
}

// A ParamUse is a parameter options come through, where it is read.
type ParamUse struct {
	Var   *types.Var
	Func  *types.Func
	Index int
	At    ast.Expr
}

// Known reports whether every option of l is seen (in source or by a fact).
func (l *OptionList) Known() bool { return l.Opaque == nil && len(l.Params) == 0 && l.ZeroAt == nil }

// OpaqueAt returns where options out of sight come in, or nil.
func (l *OptionList) OpaqueAt() ast.Node {
	if l.Opaque != nil {
		return l.Opaque
	}
	if len(l.Params) > 0 {
		return l.Params[0].At
	}
	return l.ZeroAt
}

// OnlyParam returns the one parameter through which every option out of
// sight comes in, if there is one and nothing else is out of sight.
func (l *OptionList) OnlyParam() (ParamUse, bool) {
	if l.Opaque != nil || len(l.Params) == 0 {
		return ParamUse{}, false
	}
	for _, p := range l.Params[1:] {
		if p.Var != l.Params[0].Var {
			return ParamUse{}, false
		}
	}
	return l.Params[0], true
}

// OptionFacts returns what a function of another package returns as
// options, by its fact, or nil when it has none.
type OptionFacts func(*types.Func) *summaries.OptionSet

// Options returns the options pool p's opener call is given: for a
// dialing wrapper's call, the wrapper's own and its caller's.
func Options(ix *Index, p *Pool, facts OptionFacts) *OptionList {
	if l, ok := ix.optionLists[p]; ok {
		return l
	}
	w := newOptionWalk(ix, p.Kind, facts)
	if p.Call != nil && p.Kind.OptionType != "" {
		for q := p; q != nil; q = q.Wrapper.Inner {
			w.chain = append(w.chain, q.Call)
			if q.Wrapper == nil {
				break
			}
		}
		w.walkSite(p, 0)
	}
	if ix.optionLists == nil {
		ix.optionLists = map[*Pool]*OptionList{}
	}
	ix.optionLists[p] = w.list
	return w.list
}

// ResultOptions returns what fn, a function of this package whose result
// is an option or a slice of options of kind k, may return: its
// parameters stay parameters.
func ResultOptions(ix *Index, fn *types.Func, k *kinds.Kind, facts OptionFacts) *OptionList {
	w := newOptionWalk(ix, k, facts)
	decl := ix.FuncDecl(fn)
	if decl == nil || decl.Body == nil {
		w.unknown(decl)
		return w.list
	}
	w.active[fn] = true
	w.results(fn, decl, 0)
	return w.list
}

// An optionWalk follows the expressions that give an opener its options.
type optionWalk struct {
	ix     *Index
	kind   *kinds.Kind
	facts  OptionFacts
	list   *OptionList
	seen   map[types.Object]bool
	subst  map[*types.Var]func(depth int) // parameters bound to a call's arguments
	active map[*types.Func]bool           // helpers being walked
	via    ast.Expr                       // the call of the site's function a helper's options come through
	chain  []*ast.CallExpr                // the site's call and those of the wrappers it goes through
	dead   *types.Func                    // a zero Config of dead's keeps the write followed from running
}

const maxOptionDepth = 16

func newOptionWalk(ix *Index, k *kinds.Kind, facts OptionFacts) *optionWalk {
	return &optionWalk{ix: ix, kind: k, facts: facts, list: &OptionList{},
		seen: map[types.Object]bool{}, subst: map[*types.Var]func(int){}, active: map[*types.Func]bool{}}
}

// unknown records that n may bring in options out of sight.
func (w *optionWalk) unknown(n ast.Node) {
	if w.dead != nil && w.zero(n, w.dead) {
		return
	}
	if w.list.Opaque == nil {
		if n == nil {
			n = &ast.BadExpr{}
		}
		w.list.Opaque = n
	}
}

// walkSite follows the options of p's call.
func (w *optionWalk) walkSite(p *Pool, depth int) {
	call := p.Call
	if depth > maxOptionDepth {
		w.unknown(call)
		return
	}
	if wr := p.Wrapper; wr != nil {
		switch {
		case wr.Inner != nil:
			param := wr.Func.Signature().Params().At(wr.Param)
			saved, had := w.subst[param]
			w.subst[param] = w.bound(func(d int) { w.args(call, wr.Func, wr.Param, d) })
			w.through(call, func() { w.walkSite(wr.Inner, depth+1) })
			if had {
				w.subst[param] = saved
			} else {
				delete(w.subst, param)
			}
		case wr.Own != nil:
			w.fromFact(call, wr.Own, call, wr.Func, depth)
		}
		return
	}
	fn := w.ix.Callee(call)
	if fn == nil || !fn.Signature().Variadic() {
		return
	}
	w.args(call, fn, fn.Signature().Params().Len()-1, depth)
}

// args follows the arguments call gives fn's parameter i.
func (w *optionWalk) args(call *ast.CallExpr, fn *types.Func, i int, depth int) {
	sig := fn.Signature()
	n := sig.Params().Len()
	if sig.Variadic() && i == n-1 {
		if i > len(call.Args) {
			return
		}
		rest := call.Args[i:]
		if call.Ellipsis.IsValid() && len(rest) == 1 {
			w.slice(rest[0], depth+1)
			return
		}
		for _, a := range rest {
			w.option(a, depth+1)
		}
		return
	}
	if i >= len(call.Args) || i >= n {
		w.unknown(call)
		return
	}
	if _, isSlice := w.kind.IsOption(sig.Params().At(i).Type()); isSlice {
		w.slice(call.Args[i], depth+1)
	} else {
		w.option(call.Args[i], depth+1)
	}
}

// option follows an expression of one option.
func (w *optionWalk) option(e ast.Expr, depth int) {
	if depth > maxOptionDepth {
		w.unknown(e)
		return
	}
	switch x := ast.Unparen(e).(type) {
	case *ast.CallExpr:
		w.call(x, depth)
		return
	case *ast.Ident:
		if w.isNil(x) {
			return
		}
	}
	if !w.fromVar(e, depth, w.option) {
		w.unknown(e)
	}
}

// slice follows an expression of a slice of options: a literal, an
// append, a helper's result, or a variable or field holding one.
func (w *optionWalk) slice(e ast.Expr, depth int) {
	if depth > maxOptionDepth {
		w.unknown(e)
		return
	}
	switch x := ast.Unparen(e).(type) {
	case *ast.CompositeLit:
		for _, elt := range x.Elts {
			if kv, ok := elt.(*ast.KeyValueExpr); ok {
				elt = kv.Value
			}
			w.option(elt, depth+1)
		}
		return
	case *ast.CallExpr:
		if w.isAppend(x) {
			w.appended(x, depth)
		} else {
			w.call(x, depth)
		}
		return
	case *ast.SliceExpr:
		w.slice(x.X, depth+1)
		return
	case *ast.Ident:
		if w.isNil(x) {
			return
		}
	}
	if !w.fromVar(e, depth, w.slice) {
		w.unknown(e)
	}
}

func (w *optionWalk) isNil(id *ast.Ident) bool {
	_, ok := w.ix.Info.Uses[id].(*types.Nil)
	return ok
}

func (w *optionWalk) isAppend(call *ast.CallExpr) bool {
	b, ok := w.ix.Info.Uses[calleeIdent(call)].(*types.Builtin)
	return ok && b.Name() == "append" && len(call.Args) > 0
}

// appended follows append(s, o1, o2) and append(s, more...).
func (w *optionWalk) appended(call *ast.CallExpr, depth int) {
	w.slice(call.Args[0], depth+1)
	rest := call.Args[1:]
	if call.Ellipsis.IsValid() && len(rest) > 0 {
		w.slice(rest[len(rest)-1], depth+1)
		rest = rest[:len(rest)-1]
	}
	for _, a := range rest {
		w.option(a, depth+1)
	}
}

// call follows a call that returns an option or a slice of options: an
// option of the kind's package (a knob, or nothing idle-relevant), a
// helper of this package (its return statements), a function of another
// package (its fact).
func (w *optionWalk) call(c *ast.CallExpr, depth int) {
	fn := w.ix.Callee(c)
	if fn == nil || fn.Pkg() == nil || isInterfaceMethod(fn) {
		w.unknown(c) // a function value of unknown origin, an interface method
		return
	}
	if kinds.TrimVendor(fn.Pkg().Path()) == w.kind.OptionPackage() {
		if _, ok := w.kind.OptionKnob(kinds.QualifiedName(fn)); ok {
			w.list.Calls = append(w.list.Calls, OptionCall{Call: c, Via: w.via, DeadFor: w.dead})
		}
		return // any other option of the kind's package carries nothing idle-relevant
	}
	if fn.Pkg() == w.ix.Pkg {
		w.helper(c, fn.Origin(), depth)
		return
	}
	if w.facts != nil {
		if set := w.facts(fn); set != nil {
			w.fromFact(c, set, c, fn, depth)
			return
		}
	}
	w.unknown(c)
}

// fromFact adds what a fact says a call brings in: its knobs' values, and
// the arguments of the parameters it passes on.
func (w *optionWalk) fromFact(at ast.Expr, set *summaries.OptionSet, call *ast.CallExpr, fn *types.Func, depth int) {
	w.list.Facts = append(w.list.Facts, FactOptions{At: at, Via: w.via, Set: set, DeadFor: w.dead})
	if set.Unknown {
		w.unknown(at)
	}
	for _, i := range set.Params {
		if i >= 0 && i < fn.Signature().Params().Len() {
			w.args(call, fn, i, depth+1)
		} else {
			w.unknown(at)
		}
	}
}

// helper follows the return statements of fn, a function of this
// package, with its option parameters bound to c's arguments.
func (w *optionWalk) helper(c *ast.CallExpr, fn *types.Func, depth int) {
	decl := w.ix.FuncDecl(fn)
	if decl == nil || decl.Body == nil || w.active[fn] || isMethodExpr(w.ix.Info, c) {
		w.unknown(c)
		return
	}
	w.active[fn] = true
	savedSeen, savedSubst := w.seen, w.subst
	w.seen, w.subst = map[types.Object]bool{}, map[*types.Var]func(int){}
	for v, f := range savedSubst {
		w.subst[v] = f
	}
	params := fn.Signature().Params()
	for i := range params.Len() {
		if o, s := w.kind.IsOption(params.At(i).Type()); o || s {
			w.subst[params.At(i)] = w.bound(func(d int) { w.args(c, fn, i, d) })
		}
	}
	w.through(c, func() { w.results(fn, decl, depth) })
	w.seen, w.subst = savedSeen, savedSubst
	delete(w.active, fn)
}

// bound returns args, a walk of a call's arguments for a parameter, to
// run with via as it is now: the arguments are in the caller's function.
func (w *optionWalk) bound(args func(int)) func(int) {
	outer := w.via
	return func(d int) {
		inner := w.via
		w.via = outer
		args(d)
		w.via = inner
	}
}

// through runs walk with via set to c, unless options already come
// through an outer call of the site's function.
func (w *optionWalk) through(c ast.Expr, walk func()) {
	if w.via != nil {
		walk()
		return
	}
	w.via = c
	walk()
	w.via = nil
}

// results follows what decl's return statements give its option result.
func (w *optionWalk) results(fn *types.Func, decl *ast.FuncDecl, depth int) {
	res := fn.Signature().Results()
	ri, isSlice := -1, false
	for i := range res.Len() {
		if o, s := w.kind.IsOption(res.At(i).Type()); o || s {
			ri, isSlice = i, s
			break
		}
	}
	if ri < 0 {
		w.unknown(decl.Name)
		return
	}
	follow := w.option
	if isSlice {
		follow = w.slice
	}
	ast.Inspect(decl.Body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.ReturnStmt:
			switch {
			case len(n.Results) == res.Len():
				follow(n.Results[ri], depth+1)
			case len(n.Results) == 0 && res.At(ri).Name() != "":
				w.namedResult(res.At(ri), n, follow, depth+1)
			default:
				w.unknown(n)
			}
		}
		return true
	})
}

// namedResult follows a named result at a bare return: its writes, from
// its zero value.
func (w *optionWalk) namedResult(v *types.Var, at ast.Node, follow func(ast.Expr, int), depth int) {
	if w.ix.AddrTaken[v] {
		w.unknown(at)
		return
	}
	if w.seen[v] {
		return
	}
	w.seen[v] = true
	for _, wr := range w.ix.WholeWrites[v] {
		if wr == nil {
			w.unknown(at)
			continue
		}
		follow(wr, depth+1)
	}
}

// fromVar follows a variable or field through its writes, each by follow;
// it reports whether e names one (followed, or recorded as a parameter or
// as out of sight).
func (w *optionWalk) fromVar(e ast.Expr, depth int, follow func(ast.Expr, int)) bool {
	if fn, _ := w.ix.ZeroRead(e); fn != nil && w.zero(e, fn) {
		return true // cfg.DialOptions: none in a zero Config
	}
	obj := w.ix.varOf(e)
	if obj == nil {
		return false
	}
	if w.seen[obj] {
		return true // opts = append(opts, ...): its other writes are followed once
	}
	if pr, ok := w.ix.ParamOf(obj); ok && !pr.result {
		w.seen[obj] = true
		if f := w.subst[obj]; f != nil {
			f(depth + 1)
		} else if !w.union(pr, depth) {
			w.list.Params = append(w.list.Params, ParamUse{Var: obj, Func: pr.fn, Index: pr.index, At: e})
		}
		for _, wr := range w.ix.WholeWrites[obj] { // a parameter reassigned
			if wr == nil {
				w.unknown(e)
				continue
			}
			follow(wr, depth+1)
		}
		return true
	}
	if !w.followable(obj) {
		w.unknown(e)
		return true
	}
	w.seen[obj] = true
	for _, wr := range w.ix.WholeWrites[obj] {
		if wr == nil {
			w.unknown(e)
			continue
		}
		w.followWrite(wr, depth, follow)
	}
	return true
}

// followWrite follows write wr, noting when a zero Config keeps it from
// running (if cfg.Idle > 0 { opts = append(opts, ...) }).
func (w *optionWalk) followWrite(wr ast.Expr, depth int, follow func(ast.Expr, int)) {
	saved := w.dead
	if w.dead == nil {
		w.dead = w.ix.DeadUnderZero(wr)
	}
	follow(wr, depth+1)
	w.dead = saved
}

// zero records n as out of sight but for a zero Config of fn, and
// reports whether it could (options out of sight through two functions'
// Configs are out of sight).
func (w *optionWalk) zero(n ast.Node, fn *types.Func) bool {
	if w.list.ZeroFunc != nil && w.list.ZeroFunc != fn {
		return false
	}
	w.list.ZeroFunc = fn
	if n == nil {
		n = &ast.BadExpr{}
	}
	if w.list.ZeroAt == nil {
		w.list.ZeroAt = n
	}
	return true
}

// union follows, for a parameter of an unexported function whose every
// use is a call, what each of its calls outside test code passes (the
// options a constructor stores in a field for a later dial); not for the
// dialing function's own parameter, whose calls are sites of their own
// (a dialing wrapper). When some calls pass a knob option and others none,
// the channel may get either: unknown.
func (w *optionWalk) union(pr paramRef, depth int) bool {
	if pr.fn.Exported() || w.active[pr.fn] {
		return false
	}
	for _, c := range w.chain {
		if w.ix.Encloses(pr.fn, c) {
			return false
		}
	}
	calls, all := w.ix.CallsOf(pr.fn)
	if !all || len(calls) == 0 {
		return false
	}
	w.active[pr.fn] = true
	defer delete(w.active, pr.fn)
	var bare []*ast.CallExpr // calls that pass no knob option
	some := false
	calls0, facts0 := len(w.list.Calls), len(w.list.Facts)
	for _, c := range calls {
		if w.ix.quiet != nil && w.ix.quiet.At(c.Pos()) {
			continue
		}
		n := len(w.list.Calls) + len(w.list.Facts)
		w.args(c, pr.fn, pr.index, depth+1)
		if len(w.list.Calls)+len(w.list.Facts) == n {
			bare = append(bare, c)
		} else {
			some = true
		}
	}
	if some && len(bare) > 0 {
		// The callers differ: which one's options the channel gets is
		// not known, and some channels get none.
		w.list.Calls, w.list.Facts = w.list.Calls[:calls0], w.list.Facts[:facts0]
		w.unknown(bare[0])
	}
	return true
}

// followable reports whether every write of obj is in sight: a local
// variable, an unexported package variable or field of this package
// (every write in the package), an exported package variable written only
// by its declaration; never one whose address is taken. An exported field
// may be written by other packages.
func (w *optionWalk) followable(obj *types.Var) bool {
	if obj.Pkg() != w.ix.Pkg || w.ix.AddrTaken[obj] {
		return false
	}
	ws := w.ix.WholeWrites[obj]
	switch {
	case obj.IsField():
		return !obj.Exported()
	case IsLocal(obj):
		pr, isResult := w.ix.ParamOf(obj)
		return len(ws) > 0 || w.ix.declaredZero[obj] || (isResult && pr.result)
	case obj.Exported():
		return len(ws) == 1 && w.ix.initialized[obj]
	}
	return len(ws) > 0 || w.ix.declaredZero[obj]
}

// A paramRef is where a parameter (or a named result) is declared.
type paramRef struct {
	fn     *types.Func
	index  int
	result bool
}

func isInterfaceMethod(fn *types.Func) bool {
	recv := fn.Signature().Recv()
	return recv != nil && types.IsInterface(recv.Type())
}

// isMethodExpr reports whether c calls a method expression (T.M(x, ...)),
// whose arguments are shifted by the receiver.
func isMethodExpr(info *types.Info, c *ast.CallExpr) bool {
	sel, ok := ast.Unparen(c.Fun).(*ast.SelectorExpr)
	if !ok {
		return false
	}
	s, ok := info.Selections[sel]
	return ok && s.Kind() == types.MethodExpr
}

// calleeIdent returns the identifier a call's function is named by, or nil.
func calleeIdent(call *ast.CallExpr) *ast.Ident {
	id, _ := ast.Unparen(call.Fun).(*ast.Ident)
	return id
}
