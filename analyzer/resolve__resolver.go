package analyzer

import (
	"go/ast"
	"go/constant"
	"go/types"
	"time"
)

// slotWrites returns the writes a pool built as lit receives once a call
// of another package stores it in a slot: the slot effects of the calls
// that follow in the same function.
func (s *settingsOf) slotWrites(p *pool, name string) []value {
	var vs []value
	for _, sc := range s.sum.slotCalls(p.lit) {
		vs = append(vs, s.effectValues(p, sc.effect, sc.call, name)...)
	}
	return vs
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

// onEveryPath returns st with the origin's value added, or marked partial,
// when a path from p's construction skips every write of knob k that its
// function makes (see flow).
func (s *settingsOf) onEveryPath(p *pool, k knob, st setting) setting {
	if s.fl == nil || k.role == dialFunc || st.unset() || p.origin == fromUnknown || p.origin == fromPool || p.origin == fromFactory {
		return st
	}
	for _, v := range st.values {
		if v.inLit || v.node == nil || v.node == p.node {
			return st // the literal's value: set on every path
		}
	}
	fn := s.fl.funcOf(p.node)
	if fn == nil {
		return st
	}
	var writes []ast.Node
	for _, v := range st.values {
		at := v.node
		if v.via != nil {
			at = v.via // written by a function the pool is handed to
		}
		if s.fl.funcOf(at) != fn {
			return st // a write in another function: set on every path
		}
		writes = append(writes, at)
	}
	if !s.fl.skipped(p, fn, k.access, writes, s.ix.aliases[p.obj]) {
		return st
	}
	st.partialAt = writes[0]
	switch {
	case p.origin == fromLiteral && k.access == viaField:
		if lf := s.literalField(p.lit, k.name); !lf.unset() {
			st.values = append(st.values, lf.values...)
			return st
		}
	case p.origin == fromDefault && p.kind.isBound(k.name):
		st.values = append(st.values, s.field(&pool{kind: p.kind, node: p.node, origin: fromDefault}, k.name).values...)
		return st
	}
	st.partial = true
	return st
}

// settingsOf resolves pools' effective settings.
type settingsOf struct {
	ix    *index
	sum   *summarizer
	depth int
	// direct leaves out what calls do to the pool: a callee's guard is
	// evaluated on the pool as the caller wrote it.
	direct bool
	// fl answers control-flow questions (flow.go, guards.go).
	fl       *flow
	guards   *guards
	defaults *defaults
	limit    time.Duration
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
			if !ok || !s.ix.singleWrite(v) {
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
	eff, ok := s.sum.calleeEffect(h, 0)
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
	caller := *s
	caller.depth++
	caller.direct = true
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
	c, uses := s.ix.follow(e)
	if c != nil {
		v.c = c
		return v
	}
	s.refine(&v, uses)
	return v
}

// refine narrows a value that is not a constant: by the guards that
// dominate each expression it was followed through (uses: the use, then
// the single writes of the variables it names), and, when it is read from
// an option whose default the package tells and the guards allow that
// default, to that default (defaults.go).
func (s *settingsOf) refine(v *value, uses []ast.Expr) {
	if s.fl == nil || len(uses) == 0 {
		return
	}
	r := anyInt
	for _, u := range uses {
		r = r.meet(s.guards.guardsAt(u))
	}
	if r.empty() {
		return // contradictory guards: code that does not run
	}
	if d := s.defaults.optionDefaultOf(uses[len(uses)-1], 0); d != nil && d.allowedBy(r) {
		v.c, v.optDefault = d.value, d
		return
	}
	if !r.full() {
		r = r.withProbes(int64(s.limit))
		v.rng = &r
	}
}
