package analyzer

import (
	"fmt"
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"time"

	"golang.org/x/tools/go/analysis"
)

// Diagnostic categories: the user interface of the rules, documented in
// doc.go and the README.
const (
	categoryNoIdleTimeout       = "no-idle-timeout"
	categoryTooLong             = "idle-timeout-too-long"
	categoryNonPositive         = "idle-timeout-nonpositive"
	categoryKeepAliveDisabled   = "keepalive-disabled"
	categoryDynamic             = "dynamic-idle-timeout"
	categoryIgnoreWithoutReason = "ignore-without-reason"
	categoryOptionDefault       = "option-default-unlimited"
)

// categories lists every category, for the test that the documentation
// (doc.go, README.md) describes each.
var categories = []string{
	categoryNoIdleTimeout, categoryTooLong, categoryNonPositive, categoryKeepAliveDisabled,
	categoryDynamic, categoryIgnoreWithoutReason, categoryOptionDefault,
	categorySQLNoIdleLimit, categorySQLLimitNonPositive, categorySQLLimitTooLong,
	categoryGRPCNoIdleTimeout, categoryGRPCIdleNonPositive, categoryGRPCIdleTooLong,
	categoryGRPCKeepaliveTooLong, categoryGRPCKeepaliveNoPermit,
	categoryMalformedIgnore, categoryUnusedIgnore,
}

// Categories of the gRPC rules.
const (
	categoryGRPCNoIdleTimeout     = "grpc-no-idle-timeout"
	categoryGRPCIdleNonPositive   = "grpc-idle-timeout-nonpositive"
	categoryGRPCIdleTooLong       = "grpc-idle-timeout-too-long"
	categoryGRPCKeepaliveTooLong  = "grpc-keepalive-too-long"
	categoryGRPCKeepaliveNoPermit = "grpc-keepalive-without-permit"
)

// Categories of the SQL rules.
const (
	categorySQLNoIdleLimit      = "sql-no-idle-limit"
	categorySQLLimitNonPositive = "sql-idle-limit-nonpositive"
	categorySQLLimitTooLong     = "sql-idle-limit-too-long"
)

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
			if s := j.settings.knob(p, k); len(s.values) == 1 && s.values[0].expr != nil && j.dialsUnixSocket(s.values[0].expr) {
				return true // a unix socket: no middlebox on the path
			}
			if p.kind.probesSuffice && !j.cfg.ProbesIgnored {
				if d := j.dialerOf(p); d != nil && !d.off {
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
	if d := j.dialerOf(p); d != nil && d.off {
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

// message is the one-line text of a finding: what is wrong and the limit,
// and what to do. The why lives in the rule's documentation.
func (j *judge) message(f finding) string {
	limit := seconds(j.cfg.MaxIdle)
	p := f.pool
	subject := p.kind.name
	if p.opener != "" {
		subject += " from " + p.opener
	}
	advice := j.advice(p)
	if f.value != nil && f.value.optDefault != nil && f.category != categoryDynamic && f.category != p.kind.cat.pingNoPermit {
		return j.optionDefaultMessage(f, limit)
	}
	somePaths := ""
	if f.partial {
		somePaths = " on some paths"
	}
	switch f.category {
	case p.kind.cat.unset:
		if p.kind.defaultIdle > 0 {
			return fmt.Sprintf("%s keeps idle connections for %s by default%s, not below the %s limit; %s", subject, seconds(p.kind.defaultIdle), somePaths, limit, advice)
		}
		return fmt.Sprintf("%s has no %s%s: idle connections are kept forever, past the %s limit; %s", subject, p.kind.boundNames(), somePaths, limit, advice)
	case p.kind.cat.keepAliveOff:
		return fmt.Sprintf("%s has no %s%s and its dialer %s: nothing keeps an idle NAT mapping alive past the %s limit; %s", subject, p.kind.boundNames(), somePaths, f.dialer.why, limit, advice)
	case p.kind.cat.tooLong, p.kind.cat.nonPositive:
		return j.valueMessage(f, subject, limit)
	case p.kind.cat.pingTooLong:
		if f.value.duration() <= 0 {
			return fmt.Sprintf("%s %s sets no %s, so an idle connection is never pinged and outlives the %s limit; %s", subject, f.knob, p.kind.pingKnob().field, limit, advice)
		}
		return fmt.Sprintf("%s %s %s is %s, not below the %s limit: an idle connection is not pinged in time; %s", subject, f.knob, p.kind.pingKnob().field, seconds(f.value.duration()), limit, advice)
	case p.kind.cat.pingNoPermit:
		return fmt.Sprintf("%s %s lacks %s: true, so an idle connection is never pinged and outlives the %s limit; %s", subject, f.knob, f.value.missing, limit, advice)
	case categoryDynamic:
		if f.outOfSight != nil {
			return fmt.Sprintf("%s is returned by exported %s to callers in other packages, whose settings keepalivelint cannot see (-strict); they must set %s below %s", subject, f.outOfSight.Name(), p.kind.boundNames(), limit)
		}
		if f.value != nil && f.value.opaque {
			return fmt.Sprintf("%s is handed to code keepalivelint cannot see into (a function value or interface method, -strict); make sure its idle connections are bounded below the %s limit", subject, limit)
		}
		return fmt.Sprintf("%s %s comes from a value keepalivelint cannot resolve (-strict); make sure it keeps idle connections below the %s limit", subject, f.knob, limit)
	}
	return ""
}

// optionDefaultMessage is the text of a finding about an option's default:
// "Config.Idle feeds IdleConnTimeout and defaults to 0, which means no
// limit; set a default below 350s where Config is built".
func (j *judge) optionDefaultMessage(f finding, limit string) string {
	what := f.knob
	if k := f.pool.kind.pingKnob(); k.name == f.knob && k.field != "" {
		what += " " + k.field
	}
	d := f.value.optDefault
	owner := d.owner
	if owner == "" {
		owner = "its struct"
	}
	means := "which means no limit"
	if f.value.duration() > 0 {
		means = "not below the " + limit + " limit"
	}
	return fmt.Sprintf("%s feeds %s and defaults to %s, %s; set a default below %s where %s is built", d.name(), what, defaultText(f.value), means, limit, owner)
}

// defaultText is how a message writes an option's default: 0, 3600s.
func defaultText(v *value) string {
	if v.c.Kind() == constant.Bool || constant.Sign(v.c) == 0 {
		return v.c.ExactString()
	}
	return seconds(v.duration())
}

// valueMessage is the text of a bound knob's value outside (0, L):
// "http.Transport IdleConnTimeout is 0s, which means no limit: ...",
// "SetConnMaxIdleTime(3600s) is not below the 350s limit; ...".
func (j *judge) valueMessage(f finding, subject, limit string) string {
	d := seconds(f.value.duration())
	what, notBelow, noLimit := fmt.Sprintf("%s %s is %s", subject, f.knob, d), ", not below", ", which means no limit"
	if f.pool.kind.hasSetter(f.knob) {
		what, notBelow, noLimit = fmt.Sprintf("%s(%s)", f.knob, d), " is not below", " means no limit"
	}
	if r := f.value.rng; r != nil { // a guarded value: its range
		d = fmt.Sprintf("at most %s", seconds(time.Duration(r.hi)))
		if f.category == f.pool.kind.cat.tooLong {
			d = fmt.Sprintf("at least %s", seconds(time.Duration(r.lo)))
		}
		what = fmt.Sprintf("%s %s is %s here", subject, f.knob, d)
		if f.pool.kind.hasSetter(f.knob) {
			what = fmt.Sprintf("%s(d) with d %s here", f.knob, d)
		}
	}
	fix := durationExpr(j.cfg.EffectiveFixIdle(), "time")
	if f.category == f.pool.kind.cat.tooLong {
		return fmt.Sprintf("%s%s the %s limit; lower it, e.g. to %s", what, notBelow, limit, fix)
	}
	return fmt.Sprintf("%s%s: idle connections are kept forever, past the %s limit; use e.g. %s", what, noLimit, limit, fix)
}

// advice says how to bound an unset pool.
func (j *judge) advice(p *pool) string {
	fix := durationExpr(j.cfg.EffectiveFixIdle(), "time")
	k := p.kind.firstBound()
	if k.access == viaOption {
		pkg, name, _ := cutLast(k.option, ".")
		_, short, _ := cutLast(pkg, "/")
		return fmt.Sprintf("add %s.%s(%s)", short, name, fix)
	}
	if k.access == viaSetter {
		if p.lhs == nil {
			return fmt.Sprintf("call %s(%s) where it is stored (no fix offered: not stored by a simple statement)", k.name, fix)
		}
		return fmt.Sprintf("call %s(%s)", k.name, fix)
	}
	return fmt.Sprintf("set %s below it (e.g. %s)%s", k.name, fix, p.kind.hint)
}

// seconds formats d as Go would, except that a whole number of seconds is
// written in seconds (350s, not 5m50s): vendors document limits that way.
func seconds(d time.Duration) string {
	if d%time.Second == 0 {
		return fmt.Sprintf("%ds", d/time.Second)
	}
	return d.String()
}

// A judge holds what judging needs across the package's pools.
type judge struct {
	cfg      *Config
	ix       *index
	settings *settingsOf
	fx       *fixer
}
