package analyzer

import (
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"time"
)

// A value is one value a pool field may hold once the pool is in use: the
// literal's, the origin's, or one written later.
type value struct {
	expr  ast.Expr       // the expression written; nil when inherited or unknowable
	node  ast.Node       // where it is written: a finding about it goes there
	c     constant.Value // the constant it resolves to, nil when unknown
	inLit bool           // written in the pool's own literal
	// missing names a companion setting the value needs to count and does
	// not have (keepalive Time without PermitWithoutStream: true).
	missing string
	// opaque: the value is unknown because the pool was handed to code
	// that cannot be seen, not because a write is unknown.
	opaque bool
	// reported: a bad value is reported where it is written, in a callee.
	reported bool
	// rng bounds a value that is not a constant by the guards that
	// dominate its use (guards.go); nil when nothing is known.
	rng *interval
	// optDefault is the option a value is read from when the package
	// gives that option a known default (defaults.go): c is then that
	// default, the value it has unless a user sets it.
	optDefault *optionDefault
	// via is the call that makes the write when it is made in a function
	// the pool is handed to (configure(t)): paths are followed to it.
	via ast.Node
}

func (v value) known() bool { return v.c != nil }

func (v value) duration() time.Duration {
	if v.c == nil {
		return 0
	}
	i, _ := constant.Int64Val(constant.ToInt(v.c))
	return time.Duration(i)
}

func (v value) isTrue() bool {
	if v.c == nil {
		return false
	}
	if v.c.Kind() == constant.Int { // a bool carried by a fact as 0 or 1
		return constant.Sign(v.c) != 0
	}
	return v.c.Kind() == constant.Bool && constant.BoolVal(v.c)
}

// A setting is what a field holds across every path: the values written to
// it, or, if none is, the origin's value. Unset means the field keeps its
// zero value (known is then false only for pools of unknown origin).
type setting struct {
	values []value
	known  bool // the origin is known, so an empty setting is the zero value
	// outOfSight is the exported function that hands the pool to other
	// packages, which may set the knob (setters of an open-then-set API).
	outOfSight *types.Func
	// opaque is where values from out of sight come in (a spread option
	// slice that is a parameter, a helper's result).
	opaque ast.Node
	// partial: on some path from the pool's construction none of values
	// is written, so the knob keeps its unset default there (flow.go);
	// partialAt is a write that holds on some paths only.
	partial   bool
	partialAt ast.Node
}

func (s setting) unset() bool { return len(s.values) == 0 }

// dynamic returns the first value for which ok is not decided (a value
// that cannot be resolved, or a guarded one whose range straddles ok), if
// any.
func (s setting) dynamic(ok func(value) bool) (value, bool) {
	for _, v := range s.values {
		if !v.holds(ok) && !v.fails(ok) {
			return v, true
		}
	}
	return value{}, false
}

// resolved reports whether the setting is set and every value is a constant.
func (s setting) resolved() bool {
	if s.unset() {
		return false
	}
	for _, v := range s.values {
		if !v.known() {
			return false
		}
	}
	return true
}

// all reports whether the setting is set on every path and every value
// satisfies ok (a guarded value: on every point of its range).
func (s setting) all(ok func(value) bool) bool {
	if s.unset() || s.partial {
		return false
	}
	for _, v := range s.values {
		if !v.holds(ok) {
			return false
		}
	}
	return true
}

// settingsOf resolves pools' effective settings.
type settingsOf struct {
	ix    *index
	depth int
	// direct leaves out what calls do to the pool: a callee's guard is
	// evaluated on the pool as the caller wrote it.
	direct bool
	// fl answers control-flow questions (flow.go, guards.go); nil where
	// only constants matter (a driver name).
	fl    *flow
	limit time.Duration
}

// knob returns the effective setting of knob k of pool p, on every path
// from where p is built (flow.go).
func (s *settingsOf) knob(p *pool, k knob) setting {
	var st setting
	switch k.access {
	case viaSetter:
		st = s.setter(p, k.name)
	case viaOption:
		st = s.option(p, k)
	default:
		st = s.field(p, k.name)
	}
	return s.onEveryPath(p, k, st)
}

// option returns the values knob k's option function is given among the
// options of the call that opened p. An option list that cannot be seen
// whole (a parameter, a helper's result) leaves the setting unknown.
func (s *settingsOf) option(p *pool, k knob) setting {
	if p.call == nil {
		return setting{}
	}
	opts, opaque := s.ix.options(p.call)
	st := setting{known: opaque == nil, opaque: opaque}
	for _, o := range opts {
		if len(o.Args) == 1 && calleeName(s.ix.info, o) == k.option {
			st.values = append(st.values, s.optionValue(o, k))
		}
	}
	return st
}

// optionValue reads knob k from option call o: its argument, or the
// knob's field of the struct literal it is given, with the field the
// value requires.
func (s *settingsOf) optionValue(o *ast.CallExpr, k knob) value {
	if k.field == "" {
		return s.resolve(o.Args[0], o)
	}
	lit := s.literalOf(o.Args[0])
	if lit == nil {
		return value{node: o}
	}
	v := value{node: o, c: constant.MakeInt64(0)} // an unset field is zero
	if f := s.literalField(lit, k.field); !f.unset() {
		v.expr, v.c = f.values[0].expr, f.values[0].c
	}
	if k.requires != "" {
		switch r := s.literalField(lit, k.requires); {
		case r.all(value.isTrue):
		case r.unset() || r.resolved():
			v.missing = k.requires
		default:
			v.c = nil // the companion cannot be resolved
		}
	}
	return v
}

// literalOf returns the composite literal e is, points to, or (for a
// variable written once) was assigned, or nil.
func (s *settingsOf) literalOf(e ast.Expr) *ast.CompositeLit {
	for range 4 {
		switch x := stripAddr(e).(type) {
		case *ast.CompositeLit:
			return x
		case *ast.Ident:
			v, ok := s.ix.info.Uses[x].(*types.Var)
			if !ok || !s.singleWrite(v) {
				return nil
			}
			e = s.ix.wholeWrites[v][0]
		default:
			return nil
		}
	}
	return nil
}

// setter returns the values pool p's setter method is called with, through
// any object holding the pool. A pool an exported function returns is
// configured by callers out of sight: its setting is not known.
func (s *settingsOf) setter(p *pool, method string) setting {
	holders := s.ix.holders(p)
	st := setting{known: true}
	if fn := exportedFactory(holders); fn != nil {
		st.known, st.outOfSight = false, fn
	}
	for _, h := range holders {
		for _, c := range s.ix.setters[h] {
			if c.method == method && len(c.call.Args) == 1 {
				st.values = append(st.values, s.resolve(c.call.Args[0], c.call))
			}
		}
		for _, ho := range s.ix.handoffs[h] {
			st.values = append(st.values, s.handedOff(p, ho, method)...)
		}
	}
	return st
}

// field returns the effective setting of the named field of p. Writes on
// any path replace the origin's value: a write under a condition may be
// the one that always runs, and a finding must be proven.
func (s *settingsOf) field(p *pool, name string) setting {
	if ws := s.writes(p, name); len(ws) > 0 {
		return setting{values: ws, known: true}
	}
	switch p.origin {
	case fromLiteral:
		return s.literalField(p.lit, name)
	case fromZero:
		return setting{known: true}
	case fromDefault:
		if p.kind.isBound(name) {
			return setting{known: true, values: []value{{node: p.node, c: constant.MakeInt64(int64(p.kind.defaultVarIdle))}}}
		}
		return setting{known: true}
	case fromPool:
		if s.depth > 8 || p.parent == nil {
			return setting{}
		}
		s.depth++
		defer func() { s.depth-- }()
		inherited := s.field(p.parent, name)
		for i := range inherited.values {
			inherited.values[i].inLit = false
		}
		return inherited
	case fromFactory:
		// As the factory returns it; a bad value there is reported there.
		for _, w := range p.returned.Knobs {
			if w.Knob == name {
				v := value{node: p.node, reported: true}
				if w.Known {
					v.c = constant.MakeInt64(w.Value)
				}
				return setting{known: true, values: []value{v}}
			}
		}
		return setting{known: true}
	}
	return setting{} // fromUnknown
}

// writes returns the values written to field name of p after it was built:
// through its variable or field, the pointers that alias it, and, for a
// pool a package function returns, the variables its callers keep it in;
// and what the calls it is handed to write.
func (s *settingsOf) writes(p *pool, name string) []value {
	var vs []value
	collect := func(obj types.Object) {
		for _, w := range s.ix.writesTo(obj) {
			if w.field.Name() == name {
				vs = append(vs, s.resolve(w.value, w.node))
			}
		}
	}
	handed := func(key any) {
		if s.direct {
			return
		}
		for _, h := range s.ix.handoffs[key] {
			for _, v := range s.handedOff(p, h, name) {
				v.via = h.call // the outermost call, in the pool's function
				vs = append(vs, v)
			}
		}
	}
	if p.obj != nil {
		collect(p.obj)
		handed(p.obj)
		for _, a := range s.ix.aliases[p.obj] {
			handed(a)
		}
	}
	if p.lit != nil {
		handed(p.lit)
		if !s.direct {
			vs = append(vs, s.slotWrites(p, name)...)
		}
	}
	for _, factory := range []*types.Func{p.factory, s.ix.returnedBy[p.obj]} {
		if factory == nil {
			continue
		}
		for obj, fn := range s.ix.resultOf {
			if fn == factory {
				collect(obj)
				handed(obj)
			}
		}
	}
	return vs
}

// handedOff returns what a call that receives pool p may write to knob
// name, from the callee's summary (its source in this package, its fact in
// another): each write whose guard holds on p, or may; for a callee that
// cannot be seen (a function value, an interface method), an unknown
// value. Field writes are reported where the callee writes them, so they
// count here but are not reported again.
func (s *settingsOf) handedOff(p *pool, h handoff, name string) []value {
	eff, ok := s.ix.calleeEffect(h, 0)
	if !ok {
		return []value{{node: h.call, opaque: true}}
	}
	return s.effectValues(p, eff, h.call, name)
}

// effectValues returns the values a callee's effect eff gives knob name of
// pool p, at the call that has the effect.
func (s *settingsOf) effectValues(p *pool, eff paramEffect, call *ast.CallExpr, name string) []value {
	var vs []value
	for _, w := range eff.Writes {
		if w.Knob != name {
			continue
		}
		v := value{node: call, reported: !p.kind.hasSetter(name)}
		if w.Known {
			v.c = constant.MakeInt64(w.Value)
		}
		if w.Guard != nil {
			switch holds, known := s.guardHolds(p, w.Guard); {
			case !known:
				v.c = nil
			case !holds:
				continue
			}
		}
		vs = append(vs, v)
	}
	if eff.Opaque {
		vs = append(vs, value{node: call, opaque: true})
	}
	return vs
}

// guardHolds evaluates a callee's guard on a field of p as p is before
// the call: known is false when the field may hold several values or one
// that cannot be resolved.
func (s *settingsOf) guardHolds(p *pool, g *knobGuard) (holds, known bool) {
	if s.depth > 8 {
		return false, false
	}
	caller := &settingsOf{ix: s.ix, depth: s.depth + 1, direct: true, fl: s.fl, limit: s.limit}
	f := caller.field(p, g.Field)
	if f.unset() {
		return g.holds(0), f.known
	}
	first := true
	for _, v := range f.values {
		if !v.known() {
			return false, false
		}
		x, _ := constantInt64(v.c)
		if first {
			holds, first = g.holds(x), false
		} else if g.holds(x) != holds {
			return false, false
		}
	}
	return holds, true
}

// literalField returns the value of field name in lit, or an unset setting.
func (s *settingsOf) literalField(lit *ast.CompositeLit, name string) setting {
	for _, elt := range lit.Elts {
		kv, ok := elt.(*ast.KeyValueExpr)
		if !ok {
			continue
		}
		if key, ok := kv.Key.(*ast.Ident); ok && key.Name == name {
			v := s.resolve(kv.Value, kv)
			v.inLit = true
			return setting{known: true, values: []value{v}}
		}
	}
	return setting{known: true}
}

// resolve returns the value of e: a constant folded by go/types (90 *
// time.Second, a named constant), or the constant a variable holds when it
// is written exactly once in this package and its address is never taken.
//
// A value that is not a constant is refined by the guards that dominate
// its uses and by the defaults of the option it is read from (refine).
func (s *settingsOf) resolve(e ast.Expr, node ast.Node) value {
	v := value{expr: e, node: node}
	var uses []ast.Expr // the expressions followed, for refine
	for range 4 {
		if e == nil {
			break
		}
		if tv, ok := s.ix.info.Types[e]; ok && tv.Value != nil {
			v.c = tv.Value
			return v
		}
		if c := s.defaultField(e); c != nil {
			v.c = c
			return v
		}
		uses = append(uses, e)
		id, ok := ast.Unparen(e).(*ast.Ident)
		if !ok {
			break
		}
		obj, ok := s.ix.info.Uses[id].(*types.Var)
		if !ok || !s.singleWrite(obj) {
			break
		}
		e = s.ix.wholeWrites[obj][0]
	}
	s.refine(&v, uses)
	return v
}

// defaultField resolves a read of a bound knob from the kind's default pool
// (defaultTransport.IdleConnTimeout, where defaultTransport =
// http.DefaultTransport.(*http.Transport), as k8s.io/apimachinery's
// SetOldTransportDefaults copies it): the default's value.
func (s *settingsOf) defaultField(e ast.Expr) constant.Value {
	sel, ok := ast.Unparen(e).(*ast.SelectorExpr)
	if !ok {
		return nil
	}
	field, holder := s.ix.poolField(sel)
	if field == nil {
		return nil
	}
	k := kindOfType(typeOf(s.ix.info, stripAddr(holder)))
	if k == nil {
		k = kindOfType(pointee(typeOf(s.ix.info, holder)))
	}
	if k == nil || !k.isBound(field.Name()) {
		return nil
	}
	x := holder
	for range 4 {
		if s.ix.isDefaultVar(k, x) {
			return constant.MakeInt64(int64(k.defaultVarIdle))
		}
		id, ok := ast.Unparen(x).(*ast.Ident)
		if !ok {
			return nil
		}
		v, ok := s.ix.info.Uses[id].(*types.Var)
		if !ok || !s.singleWrite(v) {
			return nil
		}
		x = s.ix.wholeWrites[v][0]
	}
	return nil
}

// singleWrite reports whether v is a variable of this package, not
// exported, written once, by its declaration, and never through a pointer:
// its value is that one write. A parameter written once is not: it also
// holds what the caller passed.
func (s *settingsOf) singleWrite(v *types.Var) bool {
	if v.IsField() || v.Pkg() == nil || v.Exported() && v.Parent() == v.Pkg().Scope() {
		return false
	}
	return len(s.ix.wholeWrites[v]) == 1 && s.ix.initialized[v] && !s.ix.addrTaken[v] && v.Pos() != token.NoPos
}
