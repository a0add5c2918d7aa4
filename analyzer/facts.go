package analyzer

import (
	"fmt"
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"strings"

	"golang.org/x/tools/go/analysis"
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
	return "pool(" + strings.Join(parts, "; ") + ")"
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

// An openedPool is a pool an opener wrapper returns unconfigured.
type openedPool struct {
	Kind string // the kind's type: "database/sql.DB"
}

// exportFacts exports a poolFact for each function of the package that
// takes a pool and configures it (or hands it on), or that returns a pool
// its callers must configure.
func exportFacts(pass *analysis.Pass, ix *index, pools []*pool) {
	opens := map[*types.Func]*poolKind{}
	for _, p := range pools {
		if p.kind.fix != fixSetter || p.call == nil {
			continue // only open-then-set pools are configured by callers
		}
		if fn := exportedFactory(ix.holders(p)); fn != nil && !ix.hasSetters(p) {
			opens[fn] = p.kind
		}
	}
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
			fact := poolFact{Params: ix.paramEffects(fn)}
			if k := opens[fn]; k != nil {
				fact.Opens = &openedPool{Kind: k.typ}
			}
			if len(fact.Params) > 0 || fact.Opens != nil {
				pass.ExportObjectFact(fn, &fact)
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

func negate(op token.Token) token.Token {
	switch op {
	case token.EQL:
		return token.NEQ
	case token.NEQ:
		return token.EQL
	case token.LSS:
		return token.GEQ
	case token.LEQ:
		return token.GTR
	case token.GTR:
		return token.LEQ
	case token.GEQ:
		return token.LSS
	}
	return op
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
