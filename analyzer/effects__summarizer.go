package analyzer

import (
	"go/ast"
	"go/token"
	"go/types"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/types/typeutil"
)

// A summarizer tells what a function does to the pools it is given, keeps
// in a slot or returns: from its source in this package, from its fact in
// another. Its summaries of this package's functions become their facts.
type summarizer struct {
	*index
	// importFact reads a fact of another package's function (nil in
	// drivers without facts).
	importFact func(types.Object, analysis.Fact) bool
	// effects memoizes effectOn.
	effects map[types.Object]paramEffect
}

func newSummarizer(ix *index, importFact func(types.Object, analysis.Fact) bool) *summarizer {
	return &summarizer{ix, importFact, map[types.Object]paramEffect{}}
}

// paramEffects returns the effects of fn on its pool parameters.
func (ix *summarizer) paramEffects(fn *types.Func) []paramEffect {
	sig := fn.Signature()
	var effects []paramEffect
	consider := func(i int, v *types.Var) {
		if v == nil || kindOfType(pointee(v.Type())) == nil {
			return
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
func (ix *summarizer) effectOn(obj types.Object, depth int) paramEffect {
	if e, ok := ix.effects[obj]; ok {
		return e
	}
	ix.effects[obj] = paramEffect{} // a recursive call adds nothing
	var e paramEffect
	k := kindOfType(pointee(obj.Type()))
	for _, w := range ix.writesTo(obj) {
		if k != nil && k.valueKnob(w.field.Name()) {
			e.Writes = append(e.Writes, ix.knobWriteOf(w.field.Name(), w.value, w.node, obj))
		}
	}
	for _, c := range ix.setters[obj] {
		if len(c.call.Args) == 1 {
			e.Writes = append(e.Writes, ix.knobWriteOf(c.method, c.call.Args[0], c.call, obj))
		}
	}
	for _, h := range ix.handoffs[obj] {
		inner, ok := ix.calleeEffect(h, depth)
		if !ok {
			e.Opaque = true
			continue
		}
		guard := ix.guardOf(h.call, obj)
		for _, w := range inner.Writes {
			if w.Guard == nil {
				w.Guard = guard
			}
			e.Writes = append(e.Writes, w)
		}
		e.Opaque = e.Opaque || inner.Opaque
	}
	ix.effects[obj] = e
	return e
}

// calleeEffect returns what the callee of handoff h does to the pool it
// receives: from its source in this package, from its fact in another;
// ok is false when the callee cannot be seen (a function value, an
// interface method) or is too deep.
func (ix *summarizer) calleeEffect(h handoff, depth int) (paramEffect, bool) {
	if h.callee == nil || h.param == nil || depth > 8 {
		return paramEffect{}, false
	}
	if h.callee.Pkg() == ix.pkg {
		return ix.effectOn(h.param, depth+1), true
	}
	var fact poolFact
	if ix.importFact == nil || !ix.importFact(h.callee, &fact) {
		// The callee's package was analyzed (it names the pool's type) and
		// exported nothing: it does nothing to the pool.
		return paramEffect{}, true
	}
	for _, p := range fact.Params {
		if p.Index == h.index {
			return p, true
		}
	}
	return paramEffect{}, true
}

// knobWriteOf summarizes the write of value to knob at node, with the
// guard on obj's fields that encloses it.
func (ix *summarizer) knobWriteOf(knob string, e ast.Expr, node ast.Node, obj types.Object) knobWrite {
	w := knobWrite{Knob: knob, Guard: ix.guardOf(node, obj)}
	if e == nil {
		return w
	}
	if c, _ := ix.follow(e); c != nil {
		w.Value, w.Known = constantInt64(c)
	}
	return w
}

// guardOf returns the condition on a field of obj's pool that encloses
// node within its function (if tr.MaxIdleConns == 0 { ... }), negated in
// the else branch, or nil.
func (ix *summarizer) guardOf(node ast.Node, obj types.Object) *knobGuard {
	cur, ok := ix.insp.Root().FindNode(node)
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
			g.Op = negate(g.Op)
		} else if !(ifs.Body.Pos() <= node.Pos() && node.End() <= ifs.Body.End()) {
			return nil // in the condition or the init
		}
		return g
	}
	return nil
}

// fieldComparison recognizes obj.F op constant.
func (ix *summarizer) fieldComparison(cond ast.Expr, obj types.Object) *knobGuard {
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
	field, holder := ix.poolField(sel)
	if field == nil || ix.rootObj(holder) != obj {
		return nil
	}
	tv, ok := ix.info.Types[b.Y]
	if !ok || tv.Value == nil {
		return nil
	}
	v, ok := constantInt64(tv.Value)
	if !ok {
		return nil
	}
	return &knobGuard{Field: field.Name(), Op: b.Op, Value: v}
}

// openerFact returns the kind of pool fn opens for its callers, from its
// fact, when fn is a function of another package.
func (ix *summarizer) openerFact(fn *types.Func) *poolKind {
	if fn.Pkg() == ix.pkg || ix.importFact == nil {
		return nil
	}
	var fact poolFact
	if !ix.importFact(fn, &fact) || fact.Opens == nil {
		return nil
	}
	for _, k := range kinds {
		if k.typ == fact.Opens.Kind {
			return k
		}
	}
	return nil
}

// slotOf returns the slot e reaches (c.client.Transport.(*http.Transport),
// c.tr), or "".
func (ix *summarizer) slotOf(e ast.Expr) string {
	e = ast.Unparen(e)
	if ta, ok := e.(*ast.TypeAssertExpr); ok {
		e = ast.Unparen(ta.X)
	}
	sel, ok := e.(*ast.SelectorExpr)
	if !ok {
		return ""
	}
	suffix := ""
	if s, ok := ix.info.Selections[sel]; ok && s.Kind() == types.FieldVal && qualifiedName(s.Obj()) == "net/http.Transport" && typeName(pointee(s.Recv())) == "net/http.Client" {
		suffix = ".Transport"
		if sel, ok = ast.Unparen(sel.X).(*ast.SelectorExpr); !ok {
			return ""
		}
	}
	s, ok := ix.info.Selections[sel]
	if !ok || s.Kind() != types.FieldVal {
		return ""
	}
	owner := typeName(pointee(s.Recv()))
	if owner == "" {
		return ""
	}
	return owner + "." + s.Obj().Name() + suffix
}

// slotEffects returns what the functions declared in decl (closures
// included) do to pools they take out of slots: a local variable whose
// only value is a slot (tr, ok := c.client.Transport.(*http.Transport)).
func (ix *summarizer) slotEffects(decl *ast.FuncDecl) []slotEffect {
	var effects []slotEffect
	ast.Inspect(decl.Body, func(n ast.Node) bool {
		id, ok := n.(*ast.Ident)
		if !ok {
			return true
		}
		obj, ok := ix.info.Defs[id].(*types.Var)
		if !ok || kindOfType(pointee(obj.Type())) == nil {
			return true
		}
		ws := ix.wholeWrites[obj]
		if len(ws) != 1 || ws[0] == nil {
			return true
		}
		slot := ix.slotOf(ws[0])
		if slot == "" {
			return true
		}
		e := ix.effectOn(obj, 0)
		if len(e.Writes) > 0 || e.Opaque {
			effects = append(effects, slotEffect{Slot: slot, Writes: e.Writes, Opaque: e.Opaque})
		}
		return true
	})
	return effects
}

// slotStores returns the parameters of fn that decl stores into a slot
// (c.client = client, or a copy of it: hc := *client; c.client = &hc).
func (ix *summarizer) slotStores(fn *types.Func, decl *ast.FuncDecl) []slotStore {
	params := map[types.Object]int{}
	sig := fn.Signature()
	for i := range sig.Params().Len() {
		p := sig.Params().At(i)
		if t := typeName(pointee(p.Type())); t == "net/http.Client" || kindOfType(pointee(p.Type())) != nil {
			params[p] = i
		}
	}
	if len(params) == 0 {
		return nil
	}
	var stores []slotStore
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
				if typeName(pointee(fn.Signature().Params().At(p).Type())) == "net/http.Client" {
					slot += ".Transport"
				}
				stores = append(stores, slotStore{Param: p, Slot: slot})
			}
		}
		return true
	})
	return stores
}

// paramBehind follows e through &, * and local copies to a parameter.
func (ix *summarizer) paramBehind(e ast.Expr, params map[types.Object]int, depth int) (int, bool) {
	obj := ix.rootObj(e)
	if obj == nil || depth > 4 {
		return 0, false
	}
	if i, ok := params[obj]; ok {
		return i, true
	}
	if ws := ix.wholeWrites[obj]; isLocal(obj) && len(ws) == 1 && ws[0] != nil {
		return ix.paramBehind(ws[0], params, depth+1)
	}
	return 0, false
}

// argumentOf returns the call lit is an argument of, directly or as the
// Transport of an http.Client literal, with the argument's index.
func (ix *summarizer) argumentOf(lit *ast.CompositeLit) (call *ast.CallExpr, arg int, viaClient bool) {
	cur, ok := ix.insp.Root().FindNode(lit)
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
			if typeName(pointee(typeOf(ix.info, n))) != "net/http.Client" {
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
func (ix *summarizer) callsAfter(call *ast.CallExpr) []*ast.CallExpr {
	cur, ok := ix.insp.Root().FindNode(call)
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

// factoryFact returns what the factory of another package whose result obj
// holds (t := lib.NewTransport()) returns, or nil.
func (ix *summarizer) factoryFact(obj types.Object) (*returnedPool, *ast.CallExpr) {
	ws := ix.wholeWrites[obj]
	if len(ws) != 1 || ix.importFact == nil {
		return nil, nil
	}
	call, ok := ast.Unparen(ws[0]).(*ast.CallExpr)
	if !ok {
		return nil, nil
	}
	fn, ok := typeutil.Callee(ix.info, call).(*types.Func)
	if !ok || fn.Pkg() == ix.pkg {
		return nil, nil
	}
	var fact poolFact
	if !ix.importFact(fn, &fact) || fact.Returns == nil {
		return nil, nil
	}
	return fact.Returns, call
}

// A slotCall is a call of another package that acts on a pool it keeps in
// a slot, with what it does to it.
type slotCall struct {
	call   *ast.CallExpr
	effect paramEffect
}

// slotCalls returns what happens to a pool built as lit once a call of
// another package stores it in a slot: the slot effects of the calls of
// that package that follow in the same function.
func (ix *summarizer) slotCalls(lit *ast.CompositeLit) []slotCall {
	if lit == nil || ix.importFact == nil {
		return nil
	}
	call, arg, viaClient := ix.argumentOf(lit)
	if call == nil {
		return nil
	}
	callee, ok := typeutil.Callee(ix.info, call).(*types.Func)
	if !ok || callee.Pkg() == ix.pkg {
		return nil
	}
	var fact poolFact
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
		fn, ok := typeutil.Callee(ix.info, later).(*types.Func)
		if !ok || fn.Pkg() != callee.Pkg() {
			continue
		}
		var f poolFact
		if !ix.importFact(fn, &f) {
			continue
		}
		for _, se := range f.SlotWrites {
			if se.Slot == slot {
				calls = append(calls, slotCall{call: later, effect: paramEffect{Writes: se.Writes, Opaque: se.Opaque}})
			}
		}
	}
	return calls
}
