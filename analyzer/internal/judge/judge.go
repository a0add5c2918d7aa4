// Package judge decides, from a pool's effective settings and its
// kind's description, whether its idle connections can outlive the limit,
// and words each finding. It reads settings through the resolver and
// never the syntax directly, but for dial functions (dialer.go).
package judge

import (
	"go/ast"
	"go/types"
	"time"

	"golang.org/x/tools/go/analysis"

	"golang.org/x/tools/go/types/typeutil"

	"github.com/keepalivelint/keepalivelint/analyzer/internal/index"
	"github.com/keepalivelint/keepalivelint/analyzer/internal/kinds"
	"github.com/keepalivelint/keepalivelint/analyzer/internal/resolve"
	"github.com/keepalivelint/keepalivelint/analyzer/internal/rules"
	"github.com/keepalivelint/keepalivelint/analyzer/internal/values"
)

// safeOnEveryPath reports whether knobs each set on some paths only
// together keep p safe on every path: a safe write of one knob on one
// branch and of another on the other (SetConnMaxIdleTime here,
// SetConnMaxLifetime there), or a bound set on some paths where the kind's
// default is below the limit on the others. A knob with a value that is
// not safe is judged value by value instead.
func (j *Judge) safeOnEveryPath(p *index.Pool, settings []values.Setting) bool {
	if p.Kind.Server {
		return false // safe judges each path of a server (Setting.Each)
	}
	var writes []ast.Node
	acc := kinds.ViaField
	fl := j.settings.Flow
	fn := fl.FuncOf(p.Node)
	for i, k := range p.Kind.Knobs {
		s := settings[i]
		if !s.Partial || k.Role == kinds.DialFunc {
			continue
		}
		if s.PartialAt != nil && fl.FuncOf(s.PartialAt) != fn {
			return false // partial for a caller (an option loop's): not a matter of this function's paths
		}
		ok := j.pingsOrCloses
		if k.Role == kinds.Disables {
			ok = k.Off
		}
		for _, v := range s.Values {
			if !v.Holds(ok) {
				return false
			}
			if v.Via != nil {
				writes = append(writes, v.Via)
			} else {
				writes = append(writes, v.Node)
			}
		}
		if d := p.Kind.DefaultIdle; k.Role == kinds.Bound && d > 0 && d < j.cfg.MaxIdle {
			return true
		}
		acc = k.Access
	}
	if len(writes) == 0 {
		return false
	}
	return fn != nil && !fl.Skipped(p, fn, acc, writes, j.ix.LiveAliases(p, p.Obj))
}

// A Finding is a verdict that must be reported, with the value it is about
// (nil for an unset knob) and, where one is known, the dialer that leaves
// the flow without TCP keepalive.
type Finding struct {
	Pool     *index.Pool
	Category string
	Node     ast.Node      // where to report
	Value    *values.Value // the offending value, nil when the knob is unset
	Knob     string        // the knob the value is given to
	dialer   *dialerKeepAlive
	Related  []analysis.RelatedInformation
	// outOfSight is the exported function through which other packages
	// may configure the pool (dynamic findings only).
	outOfSight *types.Func
	// partial: the knob is set on some paths only (an unset finding).
	partial bool
	// byDefault is how the pool was judged for an exported factory's
	// users out of sight, with no options or a zero Config; orig the
	// category the finding has otherwise (bydefault.go).
	byDefault *resolve.Defaulted
	orig      string
}

// judgePool decides whether pool p can keep an idle connection past the
// limit, reading only its kind's description:
//
//   - safe when the function that built it closes it and it does not
//     escape; when a disabling knob keeps no idle connection on every
//     value; when a ping or bound knob is in (0, L) on every value; or,
//     with no bound knob set, when the kind's default is in (0, L);
//   - dynamic (reported only in strict mode) when a value that could make
//     it safe cannot be resolved;
//   - otherwise each bound value <= 0 or >= L is a finding, and with no
//     bound knob set, the pool itself is.
func (j *Judge) judgePool(p *index.Pool) []Finding {
	if p.Kind.Server && j.cfg.BalancerIdle == 0 {
		return nil // no balancer in front of servers (-balancer-idle=off)
	}
	if p.Of == nil {
		if callers, others := j.ix.FactoryCallers(p); len(callers) > 0 {
			return j.perCaller(p, callers, others)
		}
	}
	if j.closedInFunc(p) {
		return nil // its pool dies with the call that built it
	}
	settings := j.settingsOf(p)
	if j.safe(p, settings) || j.safeOnEveryPath(p, settings) {
		return nil
	}
	if fs, decided := j.unresolved(p, settings); decided {
		return fs
	}
	b := j.bounds(p, settings)
	fs := b.findings
	switch {
	case b.set && b.everyPath:
		return fs
	case b.outOfSight != nil:
		if j.cfg.Strict {
			return append(fs, Finding{Pool: p, Category: rules.Dynamic, Node: p.Node, outOfSight: b.outOfSight})
		}
		return fs
	case b.opaque != nil:
		return append(fs, j.dynamic(p, values.Value{Node: b.opaque}, p.Kind.BoundNames())...)
	case p.Kind.Server:
		return fs // where no bound is set the server never closes first
	case !b.known || p.Origin == index.FromPool || p.Origin == index.FromFactory:
		return fs // unknown origin, or reported at the pool it clones
	}
	if pfs := j.badPings(p, settings); len(pfs) > 0 {
		return append(fs, pfs...)
	}
	return append(fs, j.unsetBound(p, b.partialAt))
}

// settingsOf returns the effective setting of each knob of p but its dial
// function (judged by its dialer).
func (j *Judge) settingsOf(p *index.Pool) []values.Setting {
	settings := make([]values.Setting, len(p.Kind.Knobs))
	for i, k := range p.Kind.Knobs {
		if k.Role != kinds.DialFunc {
			settings[i] = j.settings.Knob(p, k)
		}
	}
	return settings
}

// boundVerdict is what p's bound knobs say: the findings about their
// values, and what decides the pool's verdict when none holds everywhere.
type boundVerdict struct {
	findings  []Finding
	set       bool // some bound knob is set
	everyPath bool // some bound knob is set on every path
	known     bool // every bound knob's origin is known
	partialAt ast.Node
	// outOfSight and opaque: where settings may come from code that
	// cannot be seen (see values.Setting).
	outOfSight *types.Func
	opaque     ast.Node
}

// bounds judges each value of p's bound knobs.
func (j *Judge) bounds(p *index.Pool, settings []values.Setting) boundVerdict {
	b := boundVerdict{known: true}
	for i, k := range p.Kind.Knobs {
		s := settings[i]
		if k.Role != kinds.Bound {
			continue
		}
		b.known = b.known && s.Known
		if s.OutOfSight != nil {
			b.outOfSight = s.OutOfSight
		}
		if s.Opaque != nil {
			b.opaque = s.Opaque
		}
		if s.Unset() {
			continue
		}
		b.set = true
		if s.Partial {
			b.partialAt = s.PartialAt
		} else {
			b.everyPath = true
		}
		for _, v := range s.Values {
			switch {
			case p.Kind.Server && v.OptDefault != nil && v.OptDefault.IsZero():
				// No timeout by an option's zero default: its users may
				// set one (as an option's zero default turns no pool off).
				b.findings = append(b.findings, j.dynamic(p, v, k.Name)...)
			case v.Holds(j.inTime(p)):
			case !v.Fails(j.inTime(p)):
				b.findings = append(b.findings, j.dynamic(p, v, k.Name)...)
			case v.Reported: // reported where a callee writes it
			default:
				b.findings = append(b.findings, j.badValue(p, k, v))
			}
		}
	}
	return b
}

// badPings returns the findings for ping knobs that are set but cannot
// keep an idle connection alive, for kinds that name them: they say more
// than "unset" does.
func (j *Judge) badPings(p *index.Pool, settings []values.Setting) []Finding {
	if p.Kind.Cat.PingTooLong == "" {
		return nil
	}
	var fs []Finding
	for i, k := range p.Kind.Knobs {
		if k.Role != kinds.Ping {
			continue
		}
		for _, v := range settings[i].Values {
			if !v.Known() || j.pingsOrCloses(v) {
				continue
			}
			f := Finding{Pool: p, Category: p.Kind.Cat.PingTooLong, Node: v.Node, Value: &v, Knob: k.Name}
			if v.Missing != "" && j.belowLimit(v) {
				f.Category = p.Kind.Cat.PingNoPermit
			}
			if v.OptDefault != nil && v.Duration() <= 0 {
				f.Category = rules.OptionDefault
			}
			fs = append(fs, f)
		}
	}
	return fs
}

// safe reports whether some knob of p keeps idle connections from
// outliving the limit on every value it may hold.
func (j *Judge) safe(p *index.Pool, settings []values.Setting) bool {
	boundSet := false
	for i, k := range p.Kind.Knobs {
		s := settings[i]
		switch k.Role {
		case kinds.Disables:
			if s.All(k.Off) && !s.OffByZeroDefault(k.Off) {
				return true
			}
		case kinds.Ping, kinds.Bound:
			if p.Kind.Server && s.Each(j.inTime(p)) && !s.OffByZeroDefault(j.inTime(p)) {
				return true // a server with no bound on a path never closes first there
			}
			if !p.Kind.Server && s.All(j.pingsOrCloses) {
				return true
			}
			boundSet = boundSet || (k.Role == kinds.Bound && !s.Unset())
		case kinds.DialFunc:
			if k.TLSOnly {
				continue // judged with the others by dialsNoNetwork
			}
			if p.Kind.ProbesSuffice && !j.cfg.ProbesIgnored {
				if d := j.dialers.dialerOf(p); d != nil && !d.off {
					return true // TCP keepalive probes refresh the middlebox's flow
				}
			}
		}
	}
	if p.Kind.Server && j.dialers.servesOnlyUnix(p, settings) {
		return true // a unix socket: no balancer in front
	}
	if j.dialers.dialsNoNetwork(p) {
		return true // a unix socket or a conn made elsewhere: no middlebox on the path
	}
	d := p.Kind.DefaultIdle
	return !boundSet && d > 0 && d < j.cfg.MaxIdle
}

// unresolved decides the verdict when a value that could make p safe
// cannot be resolved: a disabling or ping knob's, or a bound knob's when
// another bound knob could be the one that holds. A kind with one bound
// knob is still judged by its known values.
func (j *Judge) unresolved(p *index.Pool, settings []values.Setting) ([]Finding, bool) {
	bounds := 0
	for _, k := range p.Kind.Knobs {
		if k.Role == kinds.Bound {
			bounds++
		}
	}
	for i, k := range p.Kind.Knobs {
		if !k.UnresolvedIsDynamic || (k.Role == kinds.Bound && bounds == 1) || settings[i].Partial {
			continue // a knob set on some paths only cannot make p safe on the others
		}
		ok := j.pingsOrCloses
		switch {
		case k.Role == kinds.Disables:
			ok = k.Off
		case p.Kind.Server:
			ok = j.inTime(p)
		}
		for _, v := range settings[i].Values {
			if v.Holds(ok) || v.Fails(ok) || (v.Opaque && j.explicitBadAfter(p, settings, v.Node)) {
				continue
			}
			return j.dynamic(p, v, k.Name), true
		}
		if k.Role == kinds.Disables && settings[i].OffByZeroDefault(ok) {
			return j.dynamic(p, settings[i].Values[0], k.Name), true
		}
	}
	return nil, false
}

// explicitBadAfter reports whether a bound knob of p is explicitly given a
// bad constant after pos: a call to code out of sight may change what was
// set before it, but not what is written after it.
func (j *Judge) explicitBadAfter(p *index.Pool, settings []values.Setting, pos ast.Node) bool {
	for i, k := range p.Kind.Knobs {
		if k.Role != kinds.Bound {
			continue
		}
		for _, v := range settings[i].Values {
			if v.Known() && !v.Reported && !j.belowLimit(v) && v.Node.Pos() > pos.End() {
				return true
			}
		}
	}
	return false
}

// badValue is the finding for a bound knob's known value outside (0, L).
func (j *Judge) badValue(p *index.Pool, k kinds.Knob, v values.Value) Finding {
	f := Finding{Pool: p, Category: p.Kind.Cat.TooLong, Node: v.Node, Value: &v, Knob: k.Name}
	if p.Kind.Server {
		f.Category = p.Kind.Cat.TooShort
		if v.From != "" {
			// ReadTimeout stands for an unset IdleTimeout: the server is
			// what needs an IdleTimeout.
			f.Node = p.Node
			f.Related = append(f.Related, analysis.RelatedInformation{Pos: v.Node.Pos(), End: v.Node.End(), Message: v.From + " set here"})
			return f
		}
	} else if v.Fails(func(v values.Value) bool { return v.Duration() > 0 }) {
		f.Category = p.Kind.Cat.NonPositive
	}
	if d := v.OptDefault; d != nil {
		if f.Category == p.Kind.Cat.NonPositive {
			f.Category = rules.OptionDefault
		}
		f.Related = append(f.Related, defaultRelated(d))
	}
	if !v.InLit && p.Node != v.Node {
		f.Related = append(f.Related, analysis.RelatedInformation{Pos: p.Node.Pos(), End: p.Node.End(), Message: "the " + p.Kind.Name})
	}
	return f
}

// unsetBound is the finding for a pool whose bound knobs are all unset, at
// the pool, with its dialer where that leaves the flow without keepalive.
// partialAt, when not nil, is a write that sets a bound knob on some paths
// only: the pool is unset on the others.
func (j *Judge) unsetBound(p *index.Pool, partialAt ast.Node) Finding {
	f := Finding{Pool: p, Category: p.Kind.Cat.Unset, Node: p.Node}
	if partialAt != nil {
		f.partial = true
		f.Related = append(f.Related, analysis.RelatedInformation{Pos: partialAt.Pos(), End: partialAt.End(), Message: "set here, on some paths only"})
	}
	if p.Kind.Cat.KeepAliveOff == "" {
		return f
	}
	if d := j.dialers.dialerOf(p); d != nil && d.off {
		f.Category, f.dialer = p.Kind.Cat.KeepAliveOff, d
		f.Related = append(f.Related, analysis.RelatedInformation{Pos: d.node.Pos(), End: d.node.End(), Message: "the dialer: " + d.why})
	}
	return f
}

// closedInFunc reports whether the function that built p closes it (the
// kind's closer, called or deferred) and does not let it escape.
func (j *Judge) closedInFunc(p *index.Pool) bool {
	if p.Kind.Closer == "" {
		return false
	}
	for _, h := range j.ix.Holders(p) {
		if j.ix.ClosedOnReturn(h, p.Kind.Closer) {
			return true
		}
	}
	return false
}

// dynamic reports, in strict mode only, a pool whose knob holds a value
// that cannot be resolved.
func (j *Judge) dynamic(p *index.Pool, v values.Value, knob string) []Finding {
	if !j.cfg.Strict {
		return nil
	}
	f := Finding{Pool: p, Category: rules.Dynamic, Node: v.Node, Value: &v, Knob: knob}
	if v.From != "" { // a value standing for an unset knob: the pool needs it
		f.Node, f.Knob = p.Node, v.From
	}
	return []Finding{f}
}

// Message is the one-line text of a finding: what is wrong and the limit,
// and what to do. The why lives in the rule's documentation.
func (j *Judge) Message(f Finding) string {
	if f.byDefault != nil {
		return j.cfg.byDefaultMessage(f)
	}
	return j.cfg.message(f)
}

// pingsOrCloses reports whether a bound or ping value acts before the
// limit and has what it needs to act at all.
func (j *Judge) pingsOrCloses(v values.Value) bool {
	return v.Missing == "" && j.belowLimit(v)
}

// inTime returns the test a bound of p must pass: below the limit, for a
// client's pool; for a server's, above the balancer's idle timeout, or
// none at all (0 or negative), so that the balancer closes first.
func (j *Judge) inTime(p *index.Pool) func(values.Value) bool {
	if !p.Kind.Server {
		return j.belowLimit
	}
	return func(v values.Value) bool {
		d := v.Duration()
		return d <= 0 || d > j.cfg.BalancerIdle
	}
}

func (j *Judge) belowLimit(v values.Value) bool {
	d := v.Duration()
	return d > 0 && d < j.cfg.MaxIdle
}

// A Judge holds what judging needs across the package's pools.
type Judge struct {
	cfg      Limits
	ix       *index.Index
	settings *resolve.Resolver
	dialers  dialers
}

// Limits are the settings pools are judged against.
type Limits struct {
	// MaxIdle is the idle timeout of the middlebox in front of the
	// traffic; FixIdle the idle timeout that advice and fixes suggest.
	MaxIdle, FixIdle time.Duration
	// BalancerIdle is the idle timeout of the load balancer in front of
	// servers (0: servers are not judged); ServerFixIdle the idle timeout
	// advice and fixes suggest for them, above it.
	BalancerIdle, ServerFixIdle time.Duration
	// Strict reports values that cannot be resolved; ProbesIgnored: the
	// middlebox's idle timer is reset by data only, not by TCP keepalive.
	Strict, ProbesIgnored bool
	// SkipFactoryDefaults leaves out the findings of exported factories
	// judged as their callers out of sight call them (an application's).
	SkipFactoryDefaults bool
}

func New(cfg Limits, ix *index.Index, settings *resolve.Resolver) *Judge {
	return &Judge{cfg: cfg, ix: ix, settings: settings, dialers: dialers{ix: ix, settings: settings, cfg: cfg}}
}

// perCaller judges the pool a package factory returns once per caller
// that keeps it, with only that caller's writes, closes and handoffs, on
// that caller's paths (and, when the factory may have users out of sight,
// once as it returns it): a close or a write by one caller belongs to that
// caller's pool, not to every pool the factory makes. A finding of any
// view is reported at the factory's pool, with the caller that keeps it.
func (j *Judge) perCaller(p *index.Pool, callers []types.Object, others bool) []Finding {
	fn := j.ix.FactoryOf(p)
	var views []*index.Pool
	for _, c := range callers {
		v := *p
		v.Of, v.Obj, v.Factory = p, c, nil
		v.Node = j.callKeptIn(c, fn, p.Node)
		views = append(views, &v)
	}
	if others {
		views = append(views, j.ix.AsReturned(p))
	}
	var fs []Finding
	for _, v := range views {
		for _, f := range j.Judge(v) {
			if f.Node == v.Node && v.Node != p.Node {
				f.Node = p.Node
				f.Related = append(f.Related, analysis.RelatedInformation{Pos: v.Node.Pos(), End: v.Node.End(),
					Message: "returned by " + fn.Name() + " and kept here by " + funcName(j.ix, v.Node) + ", where nothing bounds its idle connections"})
			}
			f.Pool = p
			fs = append(fs, f)
		}
	}
	return fs
}

// callKeptIn returns the call of fn whose result obj is given, or def.
func (j *Judge) callKeptIn(obj types.Object, fn *types.Func, def ast.Node) ast.Node {
	for _, w := range j.ix.WholeWrites[obj] {
		if call, ok := ast.Unparen(w).(*ast.CallExpr); ok && typeutil.Callee(j.ix.Info, call) == fn {
			return call
		}
	}
	return def
}

// funcName names the function declaration around n.
func funcName(ix *index.Index, n ast.Node) string {
	if cur, ok := ix.Inspector.Root().FindByPos(n.Pos(), n.End()); ok {
		for c := range cur.Enclosing((*ast.FuncDecl)(nil)) {
			return c.Node().(*ast.FuncDecl).Name.Name
		}
	}
	return "its caller"
}
