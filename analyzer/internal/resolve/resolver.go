// Package resolve computes a pool's effective settings: its literal or
// origin, the writes and setter calls through every object holding it,
// what the calls it is handed to do (effects), on which paths (flow), the
// ranges guards give values that are not constants, and the defaults a
// package gives its option fields.
package resolve

import (
	"go/ast"
	"go/constant"
	"go/types"
	"time"

	"slices"

	"github.com/keepalivelint/keepalivelint/analyzer/internal/effects"
	"github.com/keepalivelint/keepalivelint/analyzer/internal/flow"
	"github.com/keepalivelint/keepalivelint/analyzer/internal/index"
	"github.com/keepalivelint/keepalivelint/analyzer/internal/kinds"
	"github.com/keepalivelint/keepalivelint/analyzer/internal/summaries"
	"github.com/keepalivelint/keepalivelint/analyzer/internal/values"
)

// slotWrites returns the writes a pool built as lit receives once a call
// of another package stores it in a slot: the slot effects of the calls
// that follow in the same function.
func (s *Resolver) slotWrites(p *index.Pool, name string) []values.Value {
	var vs []values.Value
	for _, sc := range s.Effects.SlotCalls(p.Lit) {
		vs = append(vs, s.effectValues(p, sc.Effect, sc.Call, name)...)
	}
	return vs
}

// Returned summarizes the knobs of a pool a factory returns.
func (s *Resolver) Returned(p *index.Pool) *summaries.ReturnedPool {
	r := &summaries.ReturnedPool{Kind: p.Kind.Type}
	for _, k := range p.Kind.Knobs {
		if k.Role == kinds.DialFunc || k.Access == kinds.ViaSetter {
			continue // setters are called by the callers, on their pool
		}
		st := s.Knob(p, k)
		switch {
		case st.Unset() && st.Known:
		case len(st.Values) == 1 && st.Values[0].Known():
			v, _ := values.ConstantInt64(st.Values[0].C)
			r.Knobs = append(r.Knobs, summaries.KnobWrite{Knob: k.Name, Value: v, Known: true})
		default:
			r.Knobs = append(r.Knobs, summaries.KnobWrite{Knob: k.Name})
		}
	}
	return r
}

// onEveryPath returns st with the origin's value added, or marked partial,
// when a path from p's construction skips every write of knob k that its
// function makes (see flow).
func (s *Resolver) onEveryPath(p *index.Pool, k kinds.Knob, st values.Setting) values.Setting {
	if s.Flow == nil || k.Role == kinds.DialFunc || st.Unset() || p.Origin == index.FromUnknown || p.Origin == index.FromPool || p.Origin == index.FromFactory {
		return st
	}
	for _, v := range st.Values {
		if v.InLit || v.Node == nil || v.Node == p.Node {
			return st // the literal's value: set on every path
		}
	}
	fn := s.Flow.FuncOf(p.Node)
	if fn == nil {
		return st
	}
	var writes []ast.Node
	for _, v := range st.Values {
		at := v.Node
		if v.Via != nil {
			at = v.Via // written by a function the pool is handed to
		}
		if s.Flow.FuncOf(at) != fn {
			return st // a write in another function: set on every path
		}
		writes = append(writes, at)
	}
	if !s.Flow.Skipped(p, fn, k.Access, writes, s.Index.LiveAliases(p, p.Obj)) {
		return st
	}
	return s.partialAt(p, k, st, writes[0])
}

// partialAt returns st set at (a write) on some paths only: with the
// origin's value where that is known, or partial.
func (s *Resolver) partialAt(p *index.Pool, k kinds.Knob, st values.Setting, at ast.Node) values.Setting {
	st.PartialAt = at
	switch {
	case p.Origin == index.FromLiteral && k.Access == kinds.ViaField:
		if lf := s.LiteralField(p.Lit, k.Name); !lf.Unset() {
			st.Values = append(st.Values, lf.Values...)
			return st
		}
	case p.Origin == index.FromDefault && p.Kind.IsBound(k.Name):
		st.Values = append(st.Values, s.Field(&index.Pool{Kind: p.Kind, Node: p.Node, Origin: index.FromDefault}, k.Name).Values...)
		return st
	}
	st.Partial = true
	return st
}

// Resolver resolves pools' effective settings.
type Resolver struct {
	Index   *index.Index
	Effects *effects.Summarizer
	depth   int
	// direct leaves out what calls do to the pool: a callee's guard is
	// evaluated on the pool as the caller wrote it.
	direct bool
	// Flow answers control-flow questions (package flow).
	Flow     *flow.Flow
	Guards   *Guards
	Defaults *Defaults
	Limit    time.Duration
	// loopPartial holds, by pool and knob, a caller of an option loop
	// that leaves the knob unset (loops.go).
	loopPartial map[loopKnob]ast.Node
	// byDefault holds the pools judged as an exported factory builds them
	// for callers out of sight, with no options or a zero Config
	// (bydefault.go).
	byDefault map[*index.Pool]*Defaulted
	// ZeroConfig: judge a pool an exported factory builds from a Config
	// parameter no caller in the package gives as built from a zero
	// Config (bydefault.go). Off for facts: importers pass their own.
	ZeroConfig bool
}

// Knob returns the effective setting of knob k of pool p, on every path
// from where p is built (package flow).
func (s *Resolver) Knob(p *index.Pool, k kinds.Knob) values.Setting {
	var st values.Setting
	switch k.Access {
	case kinds.ViaSetter:
		st = s.setter(p, k)
	case kinds.ViaOption:
		st = s.option(p, k)
	default:
		st = s.Field(p, k.Name)
	}
	st = s.zeroValues(p, st)
	st = s.onEveryPath(p, k, st)
	st = s.loopPartialAt(p, k, st)
	if k.Fallback != "" {
		st = s.fallback(p, k, st)
	}
	return st
}

// fallback returns st with the values of k's fallback field standing in
// where k is zero: unset, set to 0, or left unset on some paths (an
// http.Server's IdleTimeout of 0 means its ReadTimeout).
func (s *Resolver) fallback(p *index.Pool, k kinds.Knob, st values.Setting) values.Setting {
	fb := s.Knob(p, kinds.Knob{Name: k.Fallback, Access: kinds.ViaField, Role: k.Role})
	for i := range fb.Values {
		// A callee that writes the fallback of a pool it is given never
		// reports it (the pool's own knob is out of its sight): here is
		// where it is judged.
		fb.Values[i].From, fb.Values[i].Reported = k.Fallback, false
	}
	if st.Unset() {
		if !st.Known {
			// A pool of unknown origin (a parameter): its IdleTimeout may
			// be set where it was built, so its fallback says nothing.
			return st
		}
		return fb
	}
	out := st
	out.Values = nil
	for _, v := range st.Values {
		if v.Known() && constant.Sign(v.C) == 0 {
			out.Values = append(out.Values, fb.Values...)
			continue
		}
		out.Values = append(out.Values, v)
	}
	if st.Partial {
		out.Values = append(out.Values, fb.Values...)
		out.Partial = fb.Unset() || fb.Partial
	}
	return out
}

// option returns the values knob k's option function is given among the
// options of the call that opened p, followed as values (index.Options):
// the calls seen in source, and what helpers of other packages return by
// their facts. Options out of sight (a caller's in another package, a
// function value of unknown origin) leave the setting unknown.
func (s *Resolver) option(p *index.Pool, k kinds.Knob) values.Setting {
	if p.Call == nil {
		return values.Setting{}
	}
	l := index.Options(s.Index, p, s.Effects.OptionFact)
	st := values.Setting{Known: l.Known(), Opaque: l.OpaqueAt()}
	zero := s.zeroOptions(p, l, &st)
	st = s.optionsByDefault(p, l, st, zero)
	if st.Opaque != nil && !s.Index.SameFunc(p.Call, st.Opaque) {
		st.Opaque = p.Call // reported at the channel, not where a constructor stores its options
	}
	st.Values = s.optionValues(l, k, func(fn *types.Func) bool { return s.zeroDrops(p, fn) })
	return st
}

// optionValues returns the values knob k is given in option list l, but
// for those added where a zero Config of a function dead reports keeps
// the code from running (dead is nil for facts).
func (s *Resolver) optionValues(l *index.OptionList, k kinds.Knob, dead func(*types.Func) bool) []values.Value {
	var vs []values.Value
	for _, o := range l.Calls {
		if o.DeadFor != nil && dead != nil && dead(o.DeadFor) {
			continue
		}
		if len(o.Call.Args) == 1 && kinds.CalleeName(s.Index.Info, o.Call) == k.Option {
			v := s.optionValue(o.Call, k)
			v.Via = o.Via
			vs = append(vs, v)
		}
	}
	for _, f := range l.Facts {
		if f.DeadFor != nil && dead != nil && dead(f.DeadFor) {
			continue
		}
		for _, w := range f.Set.Writes {
			if w.Knob != k.Name {
				continue
			}
			v := values.Value{Node: f.At, Missing: w.Missing, Via: f.Via}
			if w.Known {
				v.C = constant.MakeInt64(w.Value)
			}
			vs = append(vs, v)
		}
	}
	return vs
}

// OptionSet summarizes option list l of kind k for a fact: each knob's
// values, constant where known (a value refined to an option's default is
// not: an importer may set that option), a dial function making the set
// unknown (a fact cannot carry its dialer), and fn's parameters the
// options come through.
func (s *Resolver) OptionSet(l *index.OptionList, k *kinds.Kind, fn *types.Func) *summaries.OptionSet {
	set := &summaries.OptionSet{Kind: k.Type, Unknown: l.Opaque != nil || l.ZeroAt != nil}
	for _, pu := range l.Params {
		if pu.Func != fn {
			set.Unknown = true
			continue
		}
		if !slices.Contains(set.Params, pu.Index) {
			set.Params = append(set.Params, pu.Index)
		}
	}
	for _, kn := range k.Knobs {
		if kn.Access != kinds.ViaOption {
			continue
		}
		for _, v := range s.optionValues(l, kn, nil) {
			if kn.Role == kinds.DialFunc {
				set.Unknown = true
				continue
			}
			w := summaries.KnobWrite{Knob: kn.Name, Missing: v.Missing}
			if v.Known() && v.OptDefault == nil { // a default of this package's options is no constant for callers
				w.Value, w.Known = values.ConstantInt64(v.C)
			}
			set.Writes = append(set.Writes, w)
		}
	}
	return set
}

// optionValue reads knob k from option call o: its argument, or the
// knob's field of the struct literal it is given, with the field the
// value requires.
func (s *Resolver) optionValue(o *ast.CallExpr, k kinds.Knob) values.Value {
	if k.Field == "" {
		return s.Resolve(o.Args[0], o)
	}
	lit := s.literalOf(o.Args[0])
	if lit == nil {
		return values.Value{Node: o}
	}
	v := values.Value{Node: o, C: constant.MakeInt64(0)} // an unset field is zero
	if f := s.LiteralField(lit, k.Field); !f.Unset() {
		v.Expr, v.C = f.Values[0].Expr, f.Values[0].C
	}
	if k.Requires != "" {
		switch r := s.LiteralField(lit, k.Requires); {
		case r.All(values.Value.IsTrue):
		case r.Unset() || r.Resolved():
			v.Missing = k.Requires
		default:
			v.C = nil // the companion cannot be resolved
		}
	}
	return v
}

// literalOf returns the composite literal e is, points to, or (for a
// variable written once) was assigned, or nil.
func (s *Resolver) literalOf(e ast.Expr) *ast.CompositeLit {
	for range 4 {
		switch x := values.StripAddr(e).(type) {
		case *ast.CompositeLit:
			return x
		case *ast.Ident:
			v, ok := s.Index.Info.Uses[x].(*types.Var)
			if !ok || !s.Index.SingleWrite(v) {
				return nil
			}
			e = s.Index.WholeWrites[v][0]
		default:
			return nil
		}
	}
	return nil
}

// setter returns the values pool p's setter method is called with, through
// any object holding the pool. A pool an exported function returns is
// configured by callers out of sight: its setting is not known.
func (s *Resolver) setter(p *index.Pool, k kinds.Knob) values.Setting {
	method := k.Name
	holders := s.Index.Holders(p)
	st := values.Setting{Known: true}
	if fn := index.ExportedFactory(holders); fn != nil {
		st.Known, st.OutOfSight = false, fn
	}
	for _, h := range holders {
		for _, c := range s.Index.Setters[h] {
			switch {
			case c.Method != method:
			case s.zeroDead(p, c.Call):
			case k.Role == kinds.Listener:
				// The listener served on: judged by where it listens.
				v := values.Value{Node: c.Call}
				if len(c.Call.Args) > 0 && method != "ListenAndServeTLS" {
					v.Expr = c.Call.Args[0]
				}
				st.Values = append(st.Values, v)
			case len(c.Call.Args) == 1:
				st.Values = append(st.Values, s.Resolve(c.Call.Args[0], c.Call))
			}
		}
		for _, ho := range s.Index.Handoffs[h] {
			st.Values = append(st.Values, s.handedOff(p, ho, method)...)
		}
	}
	return st
}

// Field returns the effective setting of the named field of p. Writes on
// any path replace the origin's value: a write under a condition may be
// the one that always runs, and a finding must be proven.
func (s *Resolver) Field(p *index.Pool, name string) values.Setting {
	if ws := s.writes(p, name); len(ws) > 0 {
		return values.Setting{Values: ws, Known: true}
	}
	switch p.Origin {
	case index.FromLiteral:
		return s.LiteralField(p.Lit, name)
	case index.FromZero:
		return values.Setting{Known: true}
	case index.FromDefault:
		if p.Kind.IsBound(name) {
			return values.Setting{Known: true, Values: []values.Value{{Node: p.Node, C: constant.MakeInt64(int64(p.Kind.DefaultVarIdle))}}}
		}
		return values.Setting{Known: true}
	case index.FromPool:
		if s.depth > 8 || p.Parent == nil {
			return values.Setting{}
		}
		s.depth++
		defer func() { s.depth-- }()
		inherited := s.Field(p.Parent, name)
		for i := range inherited.Values {
			inherited.Values[i].InLit = false
		}
		return inherited
	case index.FromFactory:
		// As the factory returns it; a bad value there is reported there.
		for _, w := range p.Returned.Knobs {
			if w.Knob == name {
				v := values.Value{Node: p.Node, Reported: true}
				if w.Known {
					v.C = constant.MakeInt64(w.Value)
				}
				return values.Setting{Known: true, Values: []values.Value{v}}
			}
		}
		return values.Setting{Known: true}
	}
	return values.Setting{} // fromUnknown
}

// writes returns the values written to field name of p after it was built:
// through its variable or field, the pointers that alias it, and, for a
// pool a package function returns, the variables its callers keep it in;
// and what the calls it is handed to write.
func (s *Resolver) writes(p *index.Pool, name string) []values.Value {
	var vs []values.Value
	collect := func(obj types.Object) {
		for _, w := range s.Index.WritesTo(obj) {
			if w.Field.Name() == name && !s.zeroDead(p, w.Node) {
				vs = append(vs, s.Resolve(w.Value, w.Node))
			}
		}
	}
	handed := func(key any) {
		if s.direct {
			return
		}
		for _, h := range s.Index.Handoffs[key] {
			for _, v := range s.handedOff(p, h, name) {
				if v.Via == nil { // an option loop's value keeps its option (loops.go)
					v.Via = h.Call // the outermost call, in the pool's function
				}
				vs = append(vs, v)
			}
		}
	}
	holders := []types.Object{p.Obj}
	var own *types.Func // a view's factory: its callers are judged one by one
	if p.Of != nil {
		own = s.Index.FactoryOf(p.Of)
		if p.Of.Obj != p.Obj {
			holders = append(holders, p.Of.Obj)
		}
	}
	for _, h := range holders {
		if h == nil {
			continue
		}
		collect(h)
		handed(h)
		for _, a := range s.Index.LiveAliases(p, h) {
			handed(a)
		}
	}
	if p.Lit != nil {
		handed(p.Lit)
		if !s.direct {
			vs = append(vs, s.slotWrites(p, name)...)
		}
	}
	for _, factory := range []*types.Func{p.Factory, s.Index.ReturnedBy[p.Obj]} {
		if factory == nil || factory == own {
			continue
		}
		for obj, fn := range s.Index.ResultOf {
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
func (s *Resolver) handedOff(p *index.Pool, h index.Handoff, name string) []values.Value {
	if h.Callee == nil {
		if l := s.Index.OptionLoop(h.Call); l != nil {
			return s.loopValues(p, h, l, name)
		}
	}
	if vs, ok := s.boundCallee(p, h, name); ok {
		return vs
	}
	eff, ok := s.Effects.CalleeEffect(h, 0)
	if !ok {
		return []values.Value{{Node: h.Call, Opaque: true}}
	}
	return s.effectValues(p, eff, h.Call, name)
}

// effectValues returns the values a callee's effect eff gives knob name of
// pool p, at the call that has the effect.
func (s *Resolver) effectValues(p *index.Pool, eff summaries.ParamEffect, call *ast.CallExpr, name string) []values.Value {
	var vs []values.Value
	for _, w := range eff.Writes {
		if w.Knob != name {
			continue
		}
		v := values.Value{Node: call, Reported: !p.Kind.HasSetter(name)}
		if w.Known {
			v.C = constant.MakeInt64(w.Value)
		} else if av, ok := s.argValue(w, call); ok {
			v = av // a parameter's value: the argument, reported where it is given
		}
		if w.Guard != nil {
			switch holds, known := s.guardHolds(p, w.Guard); {
			case !known:
				v.C = nil
			case !holds:
				continue
			}
		}
		vs = append(vs, v)
	}
	if eff.Opaque {
		vs = append(vs, values.Value{Node: call, Opaque: true})
	}
	return vs
}

// guardHolds evaluates a callee's guard on a field of p as p is before
// the call: known is false when the field may hold several values or one
// that cannot be resolved.
func (s *Resolver) guardHolds(p *index.Pool, g *summaries.KnobGuard) (holds, known bool) {
	if s.depth > 8 {
		return false, false
	}
	caller := *s
	caller.depth++
	caller.direct = true
	f := caller.Field(p, g.Field)
	if f.Unset() {
		return g.Holds(0), f.Known
	}
	first := true
	for _, v := range f.Values {
		if !v.Known() {
			return false, false
		}
		x, _ := values.ConstantInt64(v.C)
		if first {
			holds, first = g.Holds(x), false
		} else if g.Holds(x) != holds {
			return false, false
		}
	}
	return holds, true
}

// LiteralField returns the value of field name in lit, or an unset setting.
func (s *Resolver) LiteralField(lit *ast.CompositeLit, name string) values.Setting {
	for _, elt := range lit.Elts {
		kv, ok := elt.(*ast.KeyValueExpr)
		if !ok {
			continue
		}
		if key, ok := kv.Key.(*ast.Ident); ok && key.Name == name {
			v := s.Resolve(kv.Value, kv)
			v.InLit = true
			return values.Setting{Known: true, Values: []values.Value{v}}
		}
	}
	return values.Setting{Known: true}
}

// Resolve returns the value of e: a constant folded by go/types (90 *
// time.Second, a named constant), or the constant a variable holds when it
// is written exactly once in this package and its address is never taken.
//
// A value that is not a constant is refined by the guards that dominate
// its uses and by the defaults of the option it is read from (refine).
func (s *Resolver) Resolve(e ast.Expr, node ast.Node) values.Value {
	v := values.Value{Expr: e, Node: node}
	c, uses := s.Index.Follow(e)
	if c != nil {
		v.C = c
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
func (s *Resolver) refine(v *values.Value, uses []ast.Expr) {
	if s.Flow == nil || len(uses) == 0 {
		return
	}
	r := values.AnyInt
	for _, u := range uses {
		r = r.Meet(s.Guards.guardsAt(u))
	}
	if r.Empty() {
		return // contradictory guards: code that does not run
	}
	last := uses[len(uses)-1]
	d := s.Defaults.configDefaultOf(last)
	if d == nil {
		d = s.Defaults.optionDefaultOf(last, 0)
	}
	if d != nil && d.AllowedBy(r) {
		v.C, v.OptDefault = d.Value, d
		return
	}
	if !r.Full() {
		r = r.WithProbes(int64(s.Limit))
		v.Rng = &r
	}
}
