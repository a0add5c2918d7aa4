package analyzer

import (
	"go/ast"
	"go/token"
	"go/types"
	"time"

	"golang.org/x/tools/go/analysis"
)

// safeOnEveryPath reports whether knobs each set on some paths only
// together keep p safe on every path: a safe write of one knob on one
// branch and of another on the other (SetConnMaxIdleTime here,
// SetConnMaxLifetime there), or a bound set on some paths where the kind's
// default is below the limit on the others. A knob with a value that is
// not safe is judged value by value instead.
func (j *judge) safeOnEveryPath(p *pool, settings []setting) bool {
	var writes []ast.Node
	acc := viaField
	for i, k := range p.kind.knobs {
		s := settings[i]
		if !s.partial || k.role == dialFunc {
			continue
		}
		ok := j.pingsOrCloses
		if k.role == disables {
			ok = k.off
		}
		for _, v := range s.values {
			if !v.holds(ok) {
				return false
			}
			if v.via != nil {
				writes = append(writes, v.via)
			} else {
				writes = append(writes, v.node)
			}
		}
		if d := p.kind.defaultIdle; k.role == bound && d > 0 && d < j.cfg.MaxIdle {
			return true
		}
		acc = k.access
	}
	if len(writes) == 0 {
		return false
	}
	fl := j.settings.fl
	fn := fl.funcOf(p.node)
	return fn != nil && !fl.skipped(p, fn, acc, writes, j.ix.aliases[p.obj])
}

// A finding is a verdict that must be reported, with the value it is about
// (nil for an unset knob) and, where one is known, the dialer that leaves
// the flow without TCP keepalive.
type finding struct {
	pool     *pool
	category string
	node     ast.Node // where to report
	value    *value   // the offending value, nil when the knob is unset
	knob     string   // the knob the value is given to
	dialer   *dialerKeepAlive
	related  []analysis.RelatedInformation
	// outOfSight is the exported function through which other packages
	// may configure the pool (dynamic findings only).
	outOfSight *types.Func
	// partial: the knob is set on some paths only (an unset finding).
	partial bool
}

// judge decides whether pool p can keep an idle connection past the limit,
// reading only its kind's description:
//
//   - safe when the function that built it closes it and it does not
//     escape; when a disabling knob keeps no idle connection on every
//     value; when a ping or bound knob is in (0, L) on every value; or,
//     with no bound knob set, when the kind's default is in (0, L);
//   - dynamic (reported only in strict mode) when a value that could make
//     it safe cannot be resolved;
//   - otherwise each bound value <= 0 or >= L is a finding, and with no
//     bound knob set, the pool itself is.
func (j *judge) judge(p *pool) []finding {
	if j.closedInFunc(p) {
		return nil // its pool dies with the call that built it
	}
	knobs := p.kind.knobs
	settings := make([]setting, len(knobs))
	for i, k := range knobs {
		if k.role != dialFunc {
			settings[i] = j.settings.knob(p, k)
		}
	}
	if j.safe(p, settings) || j.safeOnEveryPath(p, settings) {
		return nil
	}
	if fs, decided := j.unresolved(p, settings); decided {
		return fs
	}
	var fs []finding
	boundSet, known := false, true
	everyPath := false // some bound knob is set on every path
	var partialAt ast.Node
	var outOfSight *types.Func
	var opaque ast.Node
	for i, k := range knobs {
		s := settings[i]
		if k.role != bound {
			continue
		}
		known = known && s.known
		if s.outOfSight != nil {
			outOfSight = s.outOfSight
		}
		if s.opaque != nil {
			opaque = s.opaque
		}
		if s.unset() {
			continue
		}
		boundSet = true
		if s.partial {
			partialAt = s.partialAt
		} else {
			everyPath = true
		}
		for _, v := range s.values {
			switch {
			case v.holds(j.belowLimit):
			case !v.fails(j.belowLimit):
				fs = append(fs, j.dynamic(p, v, k.name)...)
			case v.reported: // reported where a callee writes it
			default:
				fs = append(fs, j.badValue(p, k, v))
			}
		}
	}
	if boundSet && everyPath {
		return fs
	}
	if outOfSight != nil {
		if j.cfg.Strict {
			return append(fs, finding{pool: p, category: categoryDynamic, node: p.node, outOfSight: outOfSight})
		}
		return fs
	}
	if opaque != nil {
		return append(fs, j.dynamic(p, value{node: opaque}, p.kind.boundNames())...)
	}
	if !known || p.origin == fromPool || p.origin == fromFactory {
		return fs // unknown origin, or reported at the pool it clones
	}
	if pfs := j.badPings(p, settings); len(pfs) > 0 {
		return append(fs, pfs...)
	}
	return append(fs, j.unsetBound(p, partialAt))
}

// badPings returns the findings for ping knobs that are set but cannot
// keep an idle connection alive, for kinds that name them: they say more
// than "unset" does.
func (j *judge) badPings(p *pool, settings []setting) []finding {
	if p.kind.cat.pingTooLong == "" {
		return nil
	}
	var fs []finding
	for i, k := range p.kind.knobs {
		if k.role != ping {
			continue
		}
		for _, v := range settings[i].values {
			if !v.known() || j.pingsOrCloses(v) {
				continue
			}
			f := finding{pool: p, category: p.kind.cat.pingTooLong, node: v.node, value: &v, knob: k.name}
			if v.missing != "" && j.belowLimit(v) {
				f.category = p.kind.cat.pingNoPermit
			}
			if v.optDefault != nil && v.duration() <= 0 {
				f.category = categoryOptionDefault
			}
			fs = append(fs, f)
		}
	}
	return fs
}

// safe reports whether some knob of p keeps idle connections from
// outliving the limit on every value it may hold.
func (j *judge) safe(p *pool, settings []setting) bool {
	boundSet := false
	for i, k := range p.kind.knobs {
		s := settings[i]
		switch k.role {
		case disables:
			if s.all(k.off) && !s.offByZeroDefault(k.off) {
				return true
			}
		case ping, bound:
			if s.all(j.pingsOrCloses) {
				return true
			}
			boundSet = boundSet || (k.role == bound && !s.unset())
		case dialFunc:
			if s := j.settings.knob(p, k); len(s.values) == 1 && s.values[0].expr != nil && j.dialers.dialsUnixSocket(s.values[0].expr) {
				return true // a unix socket: no middlebox on the path
			}
			if p.kind.probesSuffice && !j.cfg.ProbesIgnored {
				if d := j.dialers.dialerOf(p); d != nil && !d.off {
					return true // TCP keepalive probes refresh the middlebox's flow
				}
			}
		}
	}
	d := p.kind.defaultIdle
	return !boundSet && d > 0 && d < j.cfg.MaxIdle
}

// unresolved decides the verdict when a value that could make p safe
// cannot be resolved: a disabling or ping knob's, or a bound knob's when
// another bound knob could be the one that holds. A kind with one bound
// knob is still judged by its known values.
func (j *judge) unresolved(p *pool, settings []setting) ([]finding, bool) {
	bounds := 0
	for _, k := range p.kind.knobs {
		if k.role == bound {
			bounds++
		}
	}
	for i, k := range p.kind.knobs {
		if !k.unresolvedIsDynamic || (k.role == bound && bounds == 1) || settings[i].partial {
			continue // a knob set on some paths only cannot make p safe on the others
		}
		ok := j.pingsOrCloses
		if k.role == disables {
			ok = k.off
		}
		for _, v := range settings[i].values {
			if v.holds(ok) || v.fails(ok) || (v.opaque && j.explicitBadAfter(p, settings, v.node)) {
				continue
			}
			return j.dynamic(p, v, k.name), true
		}
		if k.role == disables && settings[i].offByZeroDefault(ok) {
			return j.dynamic(p, settings[i].values[0], k.name), true
		}
	}
	return nil, false
}

// explicitBadAfter reports whether a bound knob of p is explicitly given a
// bad constant after pos: a call to code out of sight may change what was
// set before it, but not what is written after it.
func (j *judge) explicitBadAfter(p *pool, settings []setting, pos ast.Node) bool {
	for i, k := range p.kind.knobs {
		if k.role != bound {
			continue
		}
		for _, v := range settings[i].values {
			if v.known() && !v.reported && !j.belowLimit(v) && v.node.Pos() > pos.End() {
				return true
			}
		}
	}
	return false
}

// badValue is the finding for a bound knob's known value outside (0, L).
func (j *judge) badValue(p *pool, k knob, v value) finding {
	f := finding{pool: p, category: p.kind.cat.tooLong, node: v.node, value: &v, knob: k.name}
	if v.fails(func(v value) bool { return v.duration() > 0 }) {
		f.category = p.kind.cat.nonPositive
	}
	if d := v.optDefault; d != nil {
		if f.category == p.kind.cat.nonPositive {
			f.category = categoryOptionDefault
		}
		why := ", never given a non-zero default in this package"
		if !d.isZero() {
			why = ", whose default is set in this package"
		}
		f.related = append(f.related, analysis.RelatedInformation{Pos: d.field.Pos(), End: d.field.Pos() + token.Pos(len(d.field.Name())),
			Message: d.name() + why})
	}
	if !v.inLit && p.node != v.node {
		f.related = append(f.related, analysis.RelatedInformation{Pos: p.node.Pos(), End: p.node.End(), Message: "the " + p.kind.name})
	}
	return f
}

// unsetBound is the finding for a pool whose bound knobs are all unset, at
// the pool, with its dialer where that leaves the flow without keepalive.
// partialAt, when not nil, is a write that sets a bound knob on some paths
// only: the pool is unset on the others.
func (j *judge) unsetBound(p *pool, partialAt ast.Node) finding {
	f := finding{pool: p, category: p.kind.cat.unset, node: p.node}
	if partialAt != nil {
		f.partial = true
		f.related = append(f.related, analysis.RelatedInformation{Pos: partialAt.Pos(), End: partialAt.End(), Message: "set here, on some paths only"})
	}
	if p.kind.cat.keepAliveOff == "" {
		return f
	}
	if d := j.dialers.dialerOf(p); d != nil && d.off {
		f.category, f.dialer = p.kind.cat.keepAliveOff, d
		f.related = append(f.related, analysis.RelatedInformation{Pos: d.node.Pos(), End: d.node.End(), Message: "the dialer: " + d.why})
	}
	return f
}

// closedInFunc reports whether the function that built p closes it (the
// kind's closer, called or deferred) and does not let it escape.
func (j *judge) closedInFunc(p *pool) bool {
	if p.kind.closer == "" {
		return false
	}
	for _, h := range j.ix.holders(p) {
		if j.ix.closedOnReturn(h, p.kind.closer) {
			return true
		}
	}
	return false
}

// dynamic reports, in strict mode only, a pool whose knob holds a value
// that cannot be resolved.
func (j *judge) dynamic(p *pool, v value, knob string) []finding {
	if !j.cfg.Strict {
		return nil
	}
	return []finding{{pool: p, category: categoryDynamic, node: v.node, value: &v, knob: knob}}
}

// pingsOrCloses reports whether a bound or ping value acts before the
// limit and has what it needs to act at all.
func (j *judge) pingsOrCloses(v value) bool {
	return v.missing == "" && j.belowLimit(v)
}

func (j *judge) belowLimit(v value) bool {
	d := v.duration()
	return d > 0 && d < j.cfg.MaxIdle
}

// A judge holds what judging needs across the package's pools.
type judge struct {
	cfg      limits
	ix       *index
	settings *settingsOf
	dialers  dialers
}

// limits are the settings pools are judged against.
type limits struct {
	// MaxIdle is the idle timeout of the middlebox in front of the
	// traffic; FixIdle the idle timeout that advice and fixes suggest.
	MaxIdle, FixIdle time.Duration
	// Strict reports values that cannot be resolved; ProbesIgnored: the
	// middlebox's idle timer is reset by data only, not by TCP keepalive.
	Strict, ProbesIgnored bool
}

func newJudge(cfg limits, ix *index, settings *settingsOf) *judge {
	return &judge{cfg: cfg, ix: ix, settings: settings, dialers: dialers{ix: ix, settings: settings, cfg: cfg}}
}
