package analyzer

import (
	"fmt"
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/types/typeutil"
)

// Facts carry what a function does to the pools it is given or returns
// across package boundaries, so that a call in one package is judged by
// what the callee's source, at the version the module builds with, really
// does. They are computed by this pass on every package it runs on
// (dependencies included) and exported only for functions that take or
// return a pool and do something with it.

// A poolFact summarizes a function for its callers in other packages.
type poolFact struct {
	// Params lists what the function does to the pools given as
	// parameters (Index -1: the receiver).
	Params []paramEffect
	// Opens is set when the function returns a pool that callers must
	// configure (an opener wrapper: db.Open returning sql.Open's pool
	// with no idle limit set).
	Opens *openedPool
	// Returns is set when the function returns a pool it builds (a
	// factory): the values its knobs hold at the return.
	Returns *returnedPool
	// Stores lists the parameters the function keeps in a slot, and
	// SlotWrites what it does to pools in slots.
	Stores     []slotStore
	SlotWrites []slotEffect
}

func (*poolFact) AFact() {}

func (f *poolFact) String() string {
	var parts []string
	for _, p := range f.Params {
		parts = append(parts, p.String())
	}
	if f.Opens != nil {
		parts = append(parts, "opens "+f.Opens.Kind)
	}
	if f.Returns != nil {
		ws := ""
		for i, w := range f.Returns.Knobs {
			if i > 0 {
				ws += ", "
			}
			ws += w.String()
		}
		parts = append(parts, "returns "+f.Returns.Kind+" {"+ws+"}")
	}
	for _, st := range f.Stores {
		parts = append(parts, fmt.Sprintf("stores param %d in %s", st.Param, st.Slot))
	}
	for _, se := range f.SlotWrites {
		parts = append(parts, paramEffect{Index: -2, Writes: se.Writes, Opaque: se.Opaque}.String()+" in "+se.Slot)
	}
	return "pool(" + strings.Join(parts, "; ") + ")"
}

// A poolsPackage fact marks a package that exported a poolFact: a package
// importing it may receive pools from it without importing any pool API
// itself (t := lib.NewTransport()), so it must be looked at.
type poolsPackage struct{}

func (*poolsPackage) AFact() {}

func (*poolsPackage) String() string { return "pools" }

// importsPools reports whether pass's package imports, directly, a package
// that exported pool facts.
func importsPools(pass *analysis.Pass) bool {
	if pass.ImportPackageFact == nil {
		return false
	}
	for _, imp := range pass.Pkg.Imports() {
		if pass.ImportPackageFact(imp, new(poolsPackage)) {
			return true
		}
	}
	return false
}

// A paramEffect is what a function does to one pool parameter: the knobs
// it writes (directly or through further calls), and whether it hands the
// pool to code that cannot be seen.
type paramEffect struct {
	Index  int
	Writes []knobWrite
	Opaque bool
}

func (p paramEffect) String() string {
	var ws []string
	for _, w := range p.Writes {
		ws = append(ws, w.String())
	}
	s := fmt.Sprintf("param %d: %s", p.Index, strings.Join(ws, ", "))
	if p.Opaque {
		s += " opaque"
	}
	return s
}

// A knobWrite is one write of a knob (a field or a setter), with its
// constant value when known, under a guard the caller can decide.
type knobWrite struct {
	Knob  string
	Value int64 // nanoseconds, a count, or 0/1 for a bool
	Known bool
	Guard *knobGuard
}

func (w knobWrite) String() string {
	v := "?"
	if w.Known {
		v = fmt.Sprint(w.Value)
	}
	s := w.Knob + "=" + v
	if w.Guard != nil {
		s += fmt.Sprintf(" if %s %s %d", w.Guard.Field, w.Guard.Op, w.Guard.Value)
	}
	return s
}

// A knobGuard is a condition on a field of the same pool compared with a
// constant (tr.MaxIdleConns == 0), evaluated on the caller's pool.
type knobGuard struct {
	Field string
	Op    token.Token
	Value int64
}

// A returnedPool is what a factory's pool holds when it is returned: the
// values of its kind's knobs (a knob left unset is absent). The pool's own
// finding, if any, is reported in the factory's package, at its literal.
type returnedPool struct {
	Kind  string
	Knobs []knobWrite
}

// An openedPool is a pool an opener wrapper returns unconfigured.
type openedPool struct {
	Kind string // the kind's type: "database/sql.DB"
}

// exportFacts exports a poolFact for each function of the package that
// takes a pool and configures it (or hands it on), or that returns a pool
// its callers must configure.
func exportFacts(pass *analysis.Pass, ix *index, s *settingsOf, pools []*pool) {
	opens := map[*types.Func]*poolKind{}
	returns := map[*types.Func]*returnedPool{}
	for _, p := range pools {
		if fn := p.factory; fn != nil && fn.Exported() && p.kind.built && p.origin != fromUnknown {
			returns[fn] = s.returned(p)
		}
		if p.kind.fix != fixSetter || p.call == nil {
			continue // only open-then-set pools are configured by callers
		}
		if fn := exportedFactory(ix.holders(p)); fn != nil && !ix.hasSetters(p) {
			opens[fn] = p.kind
		}
	}
	exported := false
	defer func() {
		if exported {
			pass.ExportPackageFact(new(poolsPackage))
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
			fact := poolFact{Params: ix.paramEffects(fn), Stores: ix.slotStores(fn, decl), SlotWrites: ix.slotEffects(decl)}
			if k := opens[fn]; k != nil {
				fact.Opens = &openedPool{Kind: k.typ}
			}
			fact.Returns = returns[fn]
			if len(fact.Params) > 0 || fact.Opens != nil || fact.Returns != nil || len(fact.Stores) > 0 || len(fact.SlotWrites) > 0 {
				pass.ExportObjectFact(fn, &fact)
				exported = true
			}
		}
	}
}

// hasSetters reports whether the package calls a setter knob on p.
func (ix *index) hasSetters(p *pool) bool {
	for _, h := range ix.holders(p) {
		if len(ix.setters[h]) > 0 {
			return true
		}
	}
	return false
}

// paramEffects returns the effects of fn on its pool parameters.
func (ix *index) paramEffects(fn *types.Func) []paramEffect {
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
func (ix *index) effectOn(obj types.Object, depth int) paramEffect {
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
func (ix *index) calleeEffect(h handoff, depth int) (paramEffect, bool) {
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
func (ix *index) knobWriteOf(knob string, e ast.Expr, node ast.Node, obj types.Object) knobWrite {
	w := knobWrite{Knob: knob, Guard: ix.guardOf(node, obj)}
	if e == nil {
		return w
	}
	if c := (&settingsOf{ix: ix}).resolve(e, node).c; c != nil {
		w.Value, w.Known = constantInt64(c)
	}
	return w
}

// constantInt64 returns a constant number or bool as an int64.
func constantInt64(c constant.Value) (int64, bool) {
	if c.Kind() == constant.Bool {
		if constant.BoolVal(c) {
			return 1, true
		}
		return 0, true
	}
	return constant.Int64Val(constant.ToInt(c))
}

// guardOf returns the condition on a field of obj's pool that encloses
// node within its function (if tr.MaxIdleConns == 0 { ... }), negated in
// the else branch, or nil.
func (ix *index) guardOf(node ast.Node, obj types.Object) *knobGuard {
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
func (ix *index) fieldComparison(cond ast.Expr, obj types.Object) *knobGuard {
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

// holds reports whether x op y.
func (g *knobGuard) holds(x int64) bool {
	switch g.Op {
	case token.EQL:
		return x == g.Value
	case token.NEQ:
		return x != g.Value
	case token.LSS:
		return x < g.Value
	case token.LEQ:
		return x <= g.Value
	case token.GTR:
		return x > g.Value
	case token.GEQ:
		return x >= g.Value
	}
	return false
}

// openerFact returns the kind of pool fn opens for its callers, from its
// fact, when fn is a function of another package.
func (ix *index) openerFact(fn *types.Func) *poolKind {
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

// Slots: a library that keeps a caller's pool in a field of its own
// struct (a functional-option client: client.WithHTTPClient(c) stores c,
// client.WithHost(h) later configures c.Transport) is followed through
// that field. A slot names the field, with ".Transport" when the field
// holds an *http.Client whose transport is the pool:
// "github.com/moby/moby/client.clientConfig.client.Transport".

// A slotStore says that a function stores parameter Param into Slot.
type slotStore struct {
	Param int
	Slot  string
}

// A slotEffect is what a function (or a closure it returns) does to the
// pool in a slot.
type slotEffect struct {
	Slot   string
	Writes []knobWrite
	Opaque bool
}

// slotOf returns the slot e reaches (c.client.Transport.(*http.Transport),
// c.tr), or "".
func (ix *index) slotOf(e ast.Expr) string {
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
func (ix *index) slotEffects(decl *ast.FuncDecl) []slotEffect {
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
func (ix *index) slotStores(fn *types.Func, decl *ast.FuncDecl) []slotStore {
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
func (ix *index) paramBehind(e ast.Expr, params map[types.Object]int, depth int) (int, bool) {
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

// slotWrites returns the writes a pool built as lit receives once a call
// of another package stores it in a slot: the slot effects of the calls
// that follow in the same function.
func (s *settingsOf) slotWrites(p *pool, name string) []value {
	if p.lit == nil || s.ix.importFact == nil {
		return nil
	}
	call, arg, viaClient := s.ix.argumentOf(p.lit)
	if call == nil {
		return nil
	}
	callee, ok := typeutil.Callee(s.ix.info, call).(*types.Func)
	if !ok || callee.Pkg() == s.ix.pkg {
		return nil
	}
	var fact poolFact
	if !s.ix.importFact(callee, &fact) {
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
	var vs []value
	for _, later := range s.ix.callsAfter(call) {
		fn, ok := typeutil.Callee(s.ix.info, later).(*types.Func)
		if !ok || fn.Pkg() != callee.Pkg() {
			continue
		}
		var f poolFact
		if !s.ix.importFact(fn, &f) {
			continue
		}
		for _, se := range f.SlotWrites {
			if se.Slot == slot {
				vs = append(vs, s.effectValues(p, paramEffect{Writes: se.Writes, Opaque: se.Opaque}, later, name)...)
			}
		}
	}
	return vs
}

// argumentOf returns the call lit is an argument of, directly or as the
// Transport of an http.Client literal, with the argument's index.
func (ix *index) argumentOf(lit *ast.CompositeLit) (call *ast.CallExpr, arg int, viaClient bool) {
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
func (ix *index) callsAfter(call *ast.CallExpr) []*ast.CallExpr {
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

// returned summarizes the knobs of a pool a factory returns.
func (s *settingsOf) returned(p *pool) *returnedPool {
	r := &returnedPool{Kind: p.kind.typ}
	for _, k := range p.kind.knobs {
		if k.role == dialFunc {
			continue
		}
		st := s.knob(p, k)
		switch {
		case st.unset() && st.known:
		case len(st.values) == 1 && st.values[0].known():
			v, _ := constantInt64(st.values[0].c)
			r.Knobs = append(r.Knobs, knobWrite{Knob: k.name, Value: v, Known: true})
		default:
			r.Knobs = append(r.Knobs, knobWrite{Knob: k.name})
		}
	}
	return r
}

// factoryFact returns what the factory of another package whose result obj
// holds (t := lib.NewTransport()) returns, or nil.
func (ix *index) factoryFact(obj types.Object) (*returnedPool, *ast.CallExpr) {
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
