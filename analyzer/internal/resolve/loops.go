package resolve

import (
	"go/ast"
	"go/types"

	"github.com/keepalivelint/keepalivelint/analyzer/internal/index"
	"github.com/keepalivelint/keepalivelint/analyzer/internal/kinds"
	"github.com/keepalivelint/keepalivelint/analyzer/internal/values"
)

// Option loops (index/loops.go): a pool handed to o in for _, o := range
// opts { o(s) } receives what each option the loop's callers pass writes
// to it. A value an option writes from a parameter of the function that
// built it is the argument of that call (WithIdle(30*time.Second): 30s,
// reported there); a captured field is resolved as any field read is
// (its option default). The values count as written on every path of
// the pool's function; where a caller passes no option that writes a
// knob, or adds it on some of its paths only, the knob is partial.

// loopValues returns what the options applied by the loop call h gives
// knob name of pool p, and records where the knob is left unset for
// some caller (loopPartial).
func (s *Resolver) loopValues(p *index.Pool, h index.Handoff, l *index.LoopOptions, name string) []values.Value {
	if s.depth > 8 {
		return []values.Value{{Node: h.Call, Opaque: true}}
	}
	s.depth++
	defer func() { s.depth-- }()
	if s.loopByDefault(p, l) {
		return nil // as the exported factory's users call it: with no options
	}
	var vs []values.Value
	if l.Opaque != nil {
		vs = append(vs, values.Value{Node: l.Opaque, Opaque: true})
	}
	own := map[int]bool{} // the callers whose options write the knob on every path
	for i, c := range l.Callers {
		for _, o := range c.Options {
			ws := s.appliedValues(p, o, name, o.Func)

			if len(ws) > 0 && !s.addedOnSomePaths(h, o) {
				own[i] = true
			}
			vs = append(vs, ws...)
		}
	}
	if len(vs) == 0 || l.Opaque != nil {
		return vs
	}
	for i, c := range l.Callers {
		if own[i] || c.Call == nil {
			continue
		}
		if s.ownOptionsWrite(l, own) {
			break // the loop's own options write it for every caller
		}
		s.markLoopPartial(p, name, c.Call)
		break
	}
	return vs
}

// ownOptionsWrite reports whether the loop's own options (those its
// function adds for every caller) write the knob on every path.
func (s *Resolver) ownOptionsWrite(l *index.LoopOptions, own map[int]bool) bool {
	for i, c := range l.Callers {
		if c.Call == nil && own[i] {
			return true
		}
	}
	return false
}

// markLoopPartial records that knob name of p is left unset where the
// caller at is: the setting is partial (Knob).
func (s *Resolver) markLoopPartial(p *index.Pool, name string, at ast.Node) {
	if s.loopPartial == nil {
		s.loopPartial = map[loopKnob]ast.Node{}
	}
	if _, ok := s.loopPartial[loopKnob{p, name}]; !ok {
		s.loopPartial[loopKnob{p, name}] = at
	}
}

// A loopKnob is a knob of a pool an option loop configures.
type loopKnob struct {
	p    *index.Pool
	name string
}

// addedOnSomePaths reports whether option o is added to what its caller
// passes on some paths of the caller only (if debug { opts =
// append(opts, WithIdle(d)) }).
func (s *Resolver) addedOnSomePaths(h index.Handoff, o index.AppliedOption) bool {
	if s.Flow == nil || o.Added == nil {
		return false
	}
	target := o.Passed
	if target == nil {
		target = h.Call // the loop's own options, before its call
	}
	fn := s.Flow.FuncOf(target)
	if fn == nil || s.Flow.FuncOf(o.Added) != fn {
		return false
	}
	return s.Flow.Bypassed(fn, target, o.Added)
}

// appliedValues returns what option o writes to knob name of the pool it
// is given: its field writes, setter calls and the calls it hands the
// pool to.
// via is where paths are followed to: the option's function for a loop's
// option (outside the pool's function: written on every path there),
// nil for a configurer's call (the caller sets its call).
func (s *Resolver) appliedValues(p *index.Pool, o index.AppliedOption, name string, via ast.Node) []values.Value {
	var vs []values.Value
	for _, w := range s.Index.WritesTo(o.Param) {
		if w.Field.Name() == name {
			v := s.resolveBound(w.Value, w.Node, o.Bind)
			v.Via = via
			vs = append(vs, v)
		}
	}
	for _, c := range s.Index.Setters[o.Param] {
		if c.Method == name && len(c.Call.Args) == 1 {
			v := s.resolveBound(c.Call.Args[0], c.Call, o.Bind)
			v.Via = via
			vs = append(vs, v)
		}
	}
	for _, ho := range s.Index.Handoffs[o.Param] {
		for _, v := range s.handedOff(p, ho, name) {
			v.Via = via
			vs = append(vs, v)
		}
	}
	return vs
}

// resolveBound resolves e, written at node, where the parameters of the
// functions that built the option are bound to their calls' arguments:
// a parameter is its argument, resolved (and reported) where it is given.
func (s *Resolver) resolveBound(e ast.Expr, node ast.Node, bind map[*types.Var]ast.Expr) values.Value {
	for range 4 {
		id, ok := ast.Unparen(e).(*ast.Ident)
		if !ok || e == nil {
			break
		}
		v, ok := s.Index.Info.Uses[id].(*types.Var)
		arg, bound := bind[v]
		if !ok || !bound || len(s.Index.WholeWrites[v]) > 0 {
			break
		}
		e, node = arg, arg
	}
	if e == nil {
		return values.Value{Node: node}
	}
	return s.Resolve(e, node)
}

// loopPartialAt returns st partial where an option loop leaves knob k of
// p unset for some caller, when every value of st comes from there.
func (s *Resolver) loopPartialAt(p *index.Pool, k kinds.Knob, st values.Setting) values.Setting {
	at, ok := s.loopPartial[loopKnob{p, k.Name}]
	if !ok || st.Partial || st.Unset() {
		return st
	}
	for _, v := range st.Values {
		switch v.Via.(type) {
		case *ast.FuncLit, *ast.FuncDecl: // an option's write
		default:
			return st // written elsewhere too
		}
	}
	return s.partialAt(p, k, st, at)
}
