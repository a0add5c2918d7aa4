package analyzer

import (
	"fmt"
	"go/constant"
	"time"
)

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
	fix := durationExpr(j.cfg.FixIdle, "time")
	if f.category == f.pool.kind.cat.tooLong {
		return fmt.Sprintf("%s%s the %s limit; lower it, e.g. to %s", what, notBelow, limit, fix)
	}
	return fmt.Sprintf("%s%s: idle connections are kept forever, past the %s limit; use e.g. %s", what, noLimit, limit, fix)
}

// advice says how to bound an unset pool.
func (j *judge) advice(p *pool) string {
	fix := durationExpr(j.cfg.FixIdle, "time")
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
