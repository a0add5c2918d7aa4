// Package effects tells what a function does to the pools it is given,
// keeps in a slot or returns: from its source when it is in this package
// (read through the index), from its fact (package summaries) when it is
// in another. Its summaries of this package's functions are exported as
// their facts.
package effects

import (
	"go/ast"
	"go/token"
	"go/types"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/types/typeutil"

	"github.com/keepalivelint/keepalivelint/analyzer/internal/index"
	"github.com/keepalivelint/keepalivelint/analyzer/internal/kinds"
	"github.com/keepalivelint/keepalivelint/analyzer/internal/summaries"
	"github.com/keepalivelint/keepalivelint/analyzer/internal/values"
)

// A Summarizer tells what a function does to the pools it is given, keeps
// in a slot or returns: from its source in this package, from its fact in
// another. Its summaries of this package's functions become their facts.
type Summarizer struct {
	*index.Index
	// importFact reads a fact of another package's function (nil in
	// drivers without facts).
	importFact func(types.Object, analysis.Fact) bool
	// effects memoizes effectOn.
	effects map[types.Object]summaries.ParamEffect
}

func New(ix *index.Index, importFact func(types.Object, analysis.Fact) bool) *Summarizer {
	return &Summarizer{ix, importFact, map[types.Object]summaries.ParamEffect{}}
}

// ParamEffects returns the effects of fn on its pool parameters.
func (ix *Summarizer) ParamEffects(fn *types.Func) []summaries.ParamEffect {
	sig := fn.Signature()
	var effects []summaries.ParamEffect
	consider := func(i int, v *types.Var) {
		if v == nil || kinds.OfTypeOrEmbedding(kinds.Pointee(v.Type())) == nil {
			return // a pool, or a house type embedding one (its setter methods)
		}
		if _, isPtr := types.Unalias(v.Type()).(*types.Pointer); !isPtr {
			return
		}
		if e := ix.effectOn(v, 0); len(e.Writes) > 0 || e.Opaque {
			e.Index = i
			effects = append(effects, e)
		}
	}
	consider(-1, sig.Recv())
	for i := range sig.Params().Len() {
		consider(i, sig.Params().At(i))
	}
	return effects
}

// effectOn summarizes what the package does to the pool held by obj (a
// parameter): its writes and setter calls, with guards, and the effects
// of the calls it hands the pool to.
func (ix *Summarizer) effectOn(obj types.Object, depth int) summaries.ParamEffect {
	if e, ok := ix.effects[obj]; ok {
		return e
	}
	ix.effects[obj] = summaries.ParamEffect{} // a recursive call adds nothing
	var e summaries.ParamEffect
	k := kinds.OfTypeOrEmbedding(kinds.Pointee(obj.Type()))
	for _, w := range ix.WritesTo(obj) {
		if k != nil && k.ValueKnob(w.Field.Name()) {
			e.Writes = append(e.Writes, ix.knobWriteOf(w.Field.Name(), w.Value, w.Node, obj))
		}
	}
	for _, c := range ix.Setters[obj] {
		if len(c.Call.Args) == 1 {
			e.Writes = append(e.Writes, ix.knobWriteOf(c.Method, c.Call.Args[0], c.Call, obj))
		}
	}
	for _, h := range ix.Handoffs[obj] {
		inner, ok := ix.CalleeEffect(h, depth)
		if !ok {
			e.Opaque = true
			continue
		}
		guard := ix.guardOf(h.Call, obj)
		for _, w := range inner.Writes {
			if w.Guard == nil {
				w.Guard = guard
			}
			w.Arg = 0 // the callee's parameter, not this function's
			e.Writes = append(e.Writes, w)
		}
		e.Opaque = e.Opaque || inner.Opaque
	}
	ix.effects[obj] = e
	return e
}

// CalleeEffect returns what the callee of handoff h does to the pool it
// receives: from its source in this package, from its fact in another;
// ok is false when the callee cannot be seen (a function value, an
// interface method) or is too deep.
func (ix *Summarizer) CalleeEffect(h index.Handoff, depth int) (summaries.ParamEffect, bool) {
	if h.Callee == nil || h.Param == nil || depth > 8 {
		return summaries.ParamEffect{}, false
	}
	if h.Callee.Pkg() == ix.Pkg {
		return ix.effectOn(h.Param, depth+1), true
	}
	var fact summaries.PoolFact
	if ix.importFact == nil || !ix.importFact(h.Callee, &fact) {
		// The callee's package was analyzed (it names the pool's type) and
		// exported nothing: it does nothing to the pool.
		return summaries.ParamEffect{}, true
	}
	for _, p := range fact.Params {
		if p.Index == h.Index {
			return p, true
		}
	}
	return summaries.ParamEffect{}, true
}

// knobWriteOf summarizes the write of value to knob at node, with the
// guard on obj's fields that encloses it.
func (ix *Summarizer) knobWriteOf(knob string, e ast.Expr, node ast.Node, obj types.Object) summaries.KnobWrite {
	w := summaries.KnobWrite{Knob: knob, Guard: ix.guardOf(node, obj)}
	if e == nil {
		return w
	}
	if c, _ := ix.Follow(e); c != nil {
		w.Value, w.Known = values.ConstantInt64(c)
	} else {
		w.Arg = ix.paramArg(e)
	}
	return w
}

// guardOf returns the condition on a field of obj's pool that encloses
// node within its function (if tr.MaxIdleConns == 0 { ... }), negated in
// the else branch, or nil.
func (ix *Summarizer) guardOf(node ast.Node, obj types.Object) *summaries.KnobGuard {
	cur, ok := ix.Inspector.Root().FindNode(node)
	if !ok {
		return nil
	}
	for c := range cur.Enclosing((*ast.IfStmt)(nil), (*ast.FuncDecl)(nil), (*ast.FuncLit)(nil)) {
		ifs, ok := c.Node().(*ast.IfStmt)
		if !ok {
			return nil
		}
		g := ix.fieldComparison(ifs.Cond, obj)
		if g == nil {
			continue
		}
		if ifs.Else != nil && ifs.Else.Pos() <= node.Pos() && node.End() <= ifs.Else.End() {
			g.Op = values.Negate(g.Op)
		} else if !(ifs.Body.Pos() <= node.Pos() && node.End() <= ifs.Body.End()) {
			return nil // in the condition or the init
		}
		return g
	}
	return nil
}

// fieldComparison recognizes obj.F op constant.
func (ix *Summarizer) fieldComparison(cond ast.Expr, obj types.Object) *summaries.KnobGuard {
	b, ok := ast.Unparen(cond).(*ast.BinaryExpr)
	if !ok {
		return nil
	}
	switch b.Op {
	case token.EQL, token.NEQ, token.LSS, token.LEQ, token.GTR, token.GEQ:
	default:
		return nil
	}
	sel, ok := ast.Unparen(b.X).(*ast.SelectorExpr)
	if !ok {
		return nil
	}
	field, holder := ix.PoolField(sel)
	if field == nil || ix.RootObj(holder) != obj {
		return nil
	}
	tv, ok := ix.Info.Types[b.Y]
	if !ok || tv.Value == nil {
		return nil
	}
	v, ok := values.ConstantInt64(tv.Value)
	if !ok {
		return nil
	}
	return &summaries.KnobGuard{Field: field.Name(), Op: b.Op, Value: v}
}

// OpenerFact returns the kind of pool fn opens for its callers, from its
// fact, when fn is a function of another package, with the options it
// gives the opener itself when it is a dialing wrapper.
func (ix *Summarizer) OpenerFact(fn *types.Func) (*kinds.Kind, *summaries.OptionSet) {
	if fn.Pkg() == ix.Pkg || ix.importFact == nil {
		return nil, nil
	}
	var fact summaries.PoolFact
	if !ix.importFact(fn.Origin(), &fact) || fact.Opens == nil {
		return nil, nil
	}
	for _, k := range kinds.All {
		if k.Type == fact.Opens.Kind {
			return k, fact.Opens.Options
		}
	}
	return nil, nil
}

// OptionFact returns what fn, a function of another package, returns as
// options, by its fact, or nil (index.OptionFacts).
func (ix *Summarizer) OptionFact(fn *types.Func) *summaries.OptionSet {
	if fn.Pkg() == ix.Pkg || ix.importFact == nil {
		return nil
	}
	var fact summaries.PoolFact
	if !ix.importFact(fn.Origin(), &fact) {
		return nil
	}
	return fact.Options
}

// slotOf returns the slot e reaches (c.client.Transport.(*http.Transport),
// c.tr), or "".
func (ix *Summarizer) slotOf(e ast.Expr) string {
	e = ast.Unparen(e)
	if ta, ok := e.(*ast.TypeAssertExpr); ok {
		e = ast.Unparen(ta.X)
	}
	sel, ok := e.(*ast.SelectorExpr)
	if !ok {
		return ""
	}
	suffix := ""
	if s, ok := ix.Info.Selections[sel]; ok && s.Kind() == types.FieldVal && kinds.QualifiedName(s.Obj()) == "net/http.Transport" && kinds.TypeName(kinds.Pointee(s.Recv())) == "net/http.Client" {
		suffix = ".Transport"
		if sel, ok = ast.Unparen(sel.X).(*ast.SelectorExpr); !ok {
			return ""
		}
	}
	s, ok := ix.Info.Selections[sel]
	if !ok || s.Kind() != types.FieldVal {
		return ""
	}
	owner := kinds.TypeName(kinds.Pointee(s.Recv()))
	if owner == "" {
		return ""
	}
	return owner + "." + s.Obj().Name() + suffix
}

// SlotEffects returns what the functions declared in decl (closures
// included) do to pools they take out of slots: a local variable whose
// only value is a slot (tr, ok := c.client.Transport.(*http.Transport)).
func (ix *Summarizer) SlotEffects(decl *ast.FuncDecl) []summaries.SlotEffect {
	var effects []summaries.SlotEffect
	ast.Inspect(decl.Body, func(n ast.Node) bool {
		id, ok := n.(*ast.Ident)
		if !ok {
			return true
		}
		obj, ok := ix.Info.Defs[id].(*types.Var)
		if !ok || kinds.OfType(kinds.Pointee(obj.Type())) == nil {
			return true
		}
		ws := ix.WholeWrites[obj]
		if len(ws) != 1 || ws[0] == nil {
			return true
		}
		slot := ix.slotOf(ws[0])
		if slot == "" {
			return true
		}
		e := ix.effectOn(obj, 0)
		if len(e.Writes) > 0 || e.Opaque {
			effects = append(effects, summaries.SlotEffect{Slot: slot, Writes: e.Writes, Opaque: e.Opaque})
		}
		return true
	})
	return effects
}

// SlotStores returns the parameters of fn that decl stores into a slot
// (c.client = client, or a copy of it: hc := *client; c.client = &hc).
func (ix *Summarizer) SlotStores(fn *types.Func, decl *ast.FuncDecl) []summaries.SlotStore {
	params := map[types.Object]int{}
	sig := fn.Signature()
	for i := range sig.Params().Len() {
		p := sig.Params().At(i)
		if t := kinds.TypeName(kinds.Pointee(p.Type())); t == "net/http.Client" || kinds.OfType(kinds.Pointee(p.Type())) != nil {
			params[p] = i
		}
	}
	if len(params) == 0 {
		return nil
	}
	var stores []summaries.SlotStore
	ast.Inspect(decl.Body, func(n ast.Node) bool {
		as, ok := n.(*ast.AssignStmt)
		if !ok || len(as.Lhs) != len(as.Rhs) {
			return true
		}
		for i, lhs := range as.Lhs {
			slot := ix.slotOf(lhs)
			if slot == "" {
				continue
			}
			if p, ok := ix.paramBehind(as.Rhs[i], params, 0); ok {
				if kinds.TypeName(kinds.Pointee(fn.Signature().Params().At(p).Type())) == "net/http.Client" {
					slot += ".Transport"
				}
				stores = append(stores, summaries.SlotStore{Param: p, Slot: slot})
			}
		}
		return true
	})
	return stores
}

// paramBehind follows e through &, * and local copies to a parameter.
func (ix *Summarizer) paramBehind(e ast.Expr, params map[types.Object]int, depth int) (int, bool) {
	obj := ix.RootObj(e)
	if obj == nil || depth > 4 {
		return 0, false
	}
	if i, ok := params[obj]; ok {
		return i, true
	}
	if ws := ix.WholeWrites[obj]; index.IsLocal(obj) && len(ws) == 1 && ws[0] != nil {
		return ix.paramBehind(ws[0], params, depth+1)
	}
	return 0, false
}

// argumentOf returns the call lit is an argument of, directly or as the
// Transport of an http.Client literal, with the argument's index.
func (ix *Summarizer) argumentOf(lit *ast.CompositeLit) (call *ast.CallExpr, arg int, viaClient bool) {
	cur, ok := ix.Inspector.Root().FindNode(lit)
	if !ok {
		return nil, 0, false
	}
	for p := cur.Parent(); p.Valid(); p = p.Parent() {
		switch n := p.Node().(type) {
		case *ast.ParenExpr, *ast.UnaryExpr:
		case *ast.KeyValueExpr:
			key, ok := n.Key.(*ast.Ident)
			if !ok || viaClient || key.Name != "Transport" {
				return nil, 0, false
			}
			viaClient = true
		case *ast.CompositeLit:
			if kinds.TypeName(kinds.Pointee(values.TypeOf(ix.Info, n))) != "net/http.Client" {
				return nil, 0, false
			}
		case *ast.CallExpr:
			for i, a := range n.Args {
				if a.Pos() <= lit.Pos() && lit.End() <= a.End() {
					return n, i, viaClient
				}
			}
			return nil, 0, false
		default:
			return nil, 0, false
		}
	}
	return nil, 0, false
}

// callsAfter returns the calls that follow call in its function.
func (ix *Summarizer) callsAfter(call *ast.CallExpr) []*ast.CallExpr {
	cur, ok := ix.Inspector.Root().FindNode(call)
	if !ok {
		return nil
	}
	var body ast.Node
	for fn := range cur.Enclosing((*ast.FuncDecl)(nil), (*ast.FuncLit)(nil)) {
		body = fn.Node()
		break
	}
	if body == nil {
		return nil
	}
	var calls []*ast.CallExpr
	ast.Inspect(body, func(n ast.Node) bool {
		if c, ok := n.(*ast.CallExpr); ok && c.Pos() > call.End() {
			calls = append(calls, c)
		}
		return true
	})
	return calls
}

// FactoryFact returns what the factory of another package whose result obj
// holds (t := lib.NewTransport()) returns, or nil.
func (ix *Summarizer) FactoryFact(obj types.Object) (*summaries.ReturnedPool, *ast.CallExpr) {
	ws := ix.WholeWrites[obj]
	if len(ws) != 1 || ix.importFact == nil {
		return nil, nil
	}
	call, ok := ast.Unparen(ws[0]).(*ast.CallExpr)
	if !ok {
		return nil, nil
	}
	fn, ok := typeutil.Callee(ix.Info, call).(*types.Func)
	if !ok || fn.Pkg() == ix.Pkg {
		return nil, nil
	}
	var fact summaries.PoolFact
	if !ix.importFact(fn, &fact) || fact.Returns == nil {
		return nil, nil
	}
	return fact.Returns, call
}

// A slotCall is a call of another package that acts on a pool it keeps in
// a slot, with what it does to it.
type slotCall struct {
	Call   *ast.CallExpr
	Effect summaries.ParamEffect
}

// SlotCalls returns what happens to a pool built as lit once a call of
// another package stores it in a slot: the slot effects of the calls of
// that package that follow in the same function.
func (ix *Summarizer) SlotCalls(lit *ast.CompositeLit) []slotCall {
	if lit == nil || ix.importFact == nil {
		return nil
	}
	call, arg, viaClient := ix.argumentOf(lit)
	if call == nil {
		return nil
	}
	callee, ok := typeutil.Callee(ix.Info, call).(*types.Func)
	if !ok || callee.Pkg() == ix.Pkg {
		return nil
	}
	var fact summaries.PoolFact
	if !ix.importFact(callee, &fact) {
		return nil
	}
	slot := ""
	for _, st := range fact.Stores {
		if st.Param == arg && strings.HasSuffix(st.Slot, ".Transport") == viaClient {
			slot = st.Slot
		}
	}
	if slot == "" {
		return nil
	}
	var calls []slotCall
	for _, later := range ix.callsAfter(call) {
		fn, ok := typeutil.Callee(ix.Info, later).(*types.Func)
		if !ok || fn.Pkg() != callee.Pkg() {
			continue
		}
		var f summaries.PoolFact
		if !ix.importFact(fn, &f) {
			continue
		}
		for _, se := range f.SlotWrites {
			if se.Slot == slot {
				calls = append(calls, slotCall{Call: later, Effect: summaries.ParamEffect{Writes: se.Writes, Opaque: se.Opaque}})
			}
		}
	}
	return calls
}

// paramArg returns 1 + the index of the parameter e names, when e is a
// parameter of a function of this package never reassigned, or 0.
func (ix *Summarizer) paramArg(e ast.Expr) int {
	id, ok := ast.Unparen(e).(*ast.Ident)
	if !ok {
		return 0
	}
	v, ok := ix.Info.Uses[id].(*types.Var)
	if !ok || len(ix.WholeWrites[v]) > 0 || ix.AddrTaken[v] {
		return 0
	}
	fn, i, ok := ix.ParamFunc(v)
	if !ok || fn.Signature().Variadic() && i == fn.Signature().Params().Len()-1 {
		return 0
	}
	return i + 1
}
