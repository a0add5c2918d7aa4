package judge

import (
	"fmt"
	"go/constant"
	"go/token"
	"time"

	"golang.org/x/tools/go/analysis"

	"github.com/keepalivelint/keepalivelint/analyzer/internal/index"
	"github.com/keepalivelint/keepalivelint/analyzer/internal/kinds"
	"github.com/keepalivelint/keepalivelint/analyzer/internal/rules"
	"github.com/keepalivelint/keepalivelint/analyzer/internal/values"
)

// message is the one-line text of a finding: what is wrong and the limit,
// and what to do. The why lives in the rule's documentation.
func (l Limits) message(f Finding) string {
	limit := values.Seconds(l.MaxIdle)
	p := f.Pool
	subject := p.Kind.Name
	if p.Opener != "" {
		subject += " from " + p.Opener
	}
	if p.Kind.Server {
		return l.serverMessage(f, subject)
	}
	advice := l.advice(p)
	if f.Value != nil && f.Value.OptDefault != nil && f.Category != rules.Dynamic && f.Category != p.Kind.Cat.PingNoPermit {
		if f.Value.OptDefault.Source != "" {
			return l.configDefaultMessage(f, subject, limit)
		}
		return l.optionDefaultMessage(f, limit)
	}
	somePaths := ""
	if f.partial {
		somePaths = " on some paths"
	}
	switch f.Category {
	case p.Kind.Cat.Unset:
		if p.Kind.DefaultIdle > 0 {
			return fmt.Sprintf("%s keeps idle connections for %s by default%s, not below the %s limit; %s", subject, values.Seconds(p.Kind.DefaultIdle), somePaths, limit, advice)
		}
		return fmt.Sprintf("%s has no %s%s: idle connections are kept forever, past the %s limit; %s", subject, p.Kind.BoundNames(), somePaths, limit, advice)
	case p.Kind.Cat.KeepAliveOff:
		return fmt.Sprintf("%s has no %s%s and its dialer %s: nothing keeps an idle NAT mapping alive past the %s limit; %s", subject, p.Kind.BoundNames(), somePaths, f.dialer.why, limit, advice)
	case p.Kind.Cat.TooLong, p.Kind.Cat.NonPositive:
		return l.valueMessage(f, subject, limit)
	case p.Kind.Cat.PingTooLong:
		if f.Value.Duration() <= 0 {
			return fmt.Sprintf("%s %s sets no %s, so an idle connection is never pinged and outlives the %s limit; %s", subject, f.Knob, p.Kind.PingKnob().Field, limit, advice)
		}
		return fmt.Sprintf("%s %s %s is %s, not below the %s limit: an idle connection is not pinged in time; %s", subject, f.Knob, p.Kind.PingKnob().Field, values.Seconds(f.Value.Duration()), limit, advice)
	case p.Kind.Cat.PingNoPermit:
		return fmt.Sprintf("%s %s lacks %s: true, so an idle connection is never pinged and outlives the %s limit; %s", subject, f.Knob, f.Value.Missing, limit, advice)
	case rules.Dynamic:
		if f.outOfSight != nil {
			return fmt.Sprintf("%s is returned by exported %s to callers in other packages, whose settings keepalivelint cannot see (-strict); they must set %s below %s", subject, f.outOfSight.Name(), p.Kind.BoundNames(), limit)
		}
		if f.Value != nil && f.Value.Opaque {
			return fmt.Sprintf("%s is handed to code keepalivelint cannot see into (a function value or interface method, -strict); make sure its idle connections are bounded below the %s limit", subject, limit)
		}
		return fmt.Sprintf("%s %s comes from a value keepalivelint cannot resolve (-strict); make sure it keeps idle connections below the %s limit", subject, f.Knob, limit)
	}
	return ""
}

// serverMessage is the text of a finding about a server: "http.Server
// closes idle connections after 10s (ReadTimeout, since IdleTimeout is
// unset), before the balancer's 60s; set IdleTimeout above it, e.g. 75 *
// time.Second".
func (l Limits) serverMessage(f Finding, subject string) string {
	lb := values.Seconds(l.BalancerIdle)
	fix := values.DurationExpr(l.ServerFixIdle, "time")
	bound := f.Pool.Kind.FirstBound().Name
	if f.Category == rules.Dynamic {
		if f.outOfSight != nil {
			return fmt.Sprintf("%s is returned by exported %s to callers in other packages, whose settings keepalivelint cannot see (-strict); they must set %s above %s", subject, f.outOfSight.Name(), bound, lb)
		}
		return fmt.Sprintf("%s %s comes from a value keepalivelint cannot resolve (-strict); make sure it is above the balancer's %s idle timeout, or 0", subject, f.Knob, lb)
	}
	v := f.Value
	after := values.Seconds(v.Duration())
	if v.Rng != nil {
		after = "at most " + values.Seconds(time.Duration(v.Rng.Hi))
	}
	from := f.Knob
	switch {
	case v.From != "":
		from = v.From + ", since " + bound + " is unset"
	case v.OptDefault != nil && v.OptDefault.Source != "":
		from = f.Knob + " by default: " + v.OptDefault.Source
	case v.OptDefault != nil:
		from = v.OptDefault.Name() + "'s default"
	}
	somePaths := ""
	if f.partial {
		somePaths = " on some paths"
	}
	return fmt.Sprintf("%s closes idle connections after %s (%s)%s, before the balancer's %s; set %s above it, e.g. %s", subject, after, from, somePaths, lb, bound, fix)
}

// optionDefaultMessage is the text of a finding about an option's default:
// "Config.Idle feeds IdleConnTimeout and defaults to 0, which means no
// limit; set a default below 350s where Config is built".
func (l Limits) optionDefaultMessage(f Finding, limit string) string {
	what := f.Knob
	if k := f.Pool.Kind.PingKnob(); k.Name == f.Knob && k.Field != "" {
		what += " " + k.Field
	}
	d := f.Value.OptDefault
	owner := d.Owner
	if owner == "" {
		owner = "its struct"
	}
	if d.BuiltWithout.IsValid() {
		return fmt.Sprintf("%s feeds %s and is 0 where %s is built without it, which means no limit; set it there too, below %s", d.Name(), what, owner, limit)
	}
	means := "which means no limit"
	if f.Value.Duration() > 0 {
		means = "not below the " + limit + " limit"
	}
	return fmt.Sprintf("%s feeds %s and defaults to %s, %s; set a default below %s where %s is built", d.Name(), what, defaultText(f.Value), means, limit, owner)
}

// defaultText is how a message writes an option's default: 0, 3600s.
func defaultText(v *values.Value) string {
	if v.C.Kind() == constant.Bool || constant.Sign(v.C) == 0 {
		return v.C.ExactString()
	}
	return values.Seconds(v.Duration())
}

// valueMessage is the text of a bound knob's value outside (0, L):
// "http.Transport IdleConnTimeout is 0s, which means no limit: ...",
// "SetConnMaxIdleTime(3600s) is not below the 350s limit; ...".
func (l Limits) valueMessage(f Finding, subject, limit string) string {
	d := values.Seconds(f.Value.Duration())
	what, notBelow, noLimit := fmt.Sprintf("%s %s is %s", subject, f.Knob, d), ", not below", ", which means no limit"
	if f.Pool.Kind.HasSetter(f.Knob) {
		what, notBelow, noLimit = fmt.Sprintf("%s(%s)", f.Knob, d), " is not below", " means no limit"
	}
	if r := f.Value.Rng; r != nil { // a guarded value: its range
		d = fmt.Sprintf("at most %s", values.Seconds(time.Duration(r.Hi)))
		if f.Category == f.Pool.Kind.Cat.TooLong {
			d = fmt.Sprintf("at least %s", values.Seconds(time.Duration(r.Lo)))
		}
		what = fmt.Sprintf("%s %s is %s here", subject, f.Knob, d)
		if f.Pool.Kind.HasSetter(f.Knob) {
			what = fmt.Sprintf("%s(d) with d %s here", f.Knob, d)
		}
	}
	fix := values.DurationExpr(l.FixIdle, "time")
	if f.Category == f.Pool.Kind.Cat.TooLong {
		return fmt.Sprintf("%s%s the %s limit; lower it, e.g. to %s", what, notBelow, limit, fix)
	}
	return fmt.Sprintf("%s%s: idle connections are kept forever, past the %s limit; use e.g. %s", what, noLimit, limit, fix)
}

// advice says how to bound an unset pool.
func (l Limits) advice(p *index.Pool) string {
	fix := values.DurationExpr(l.FixIdle, "time")
	k := p.Kind.FirstBound()
	if k.Access == kinds.ViaOption {
		pkg, name, _ := kinds.CutLast(k.Option, ".")
		_, short, _ := kinds.CutLast(pkg, "/")
		return fmt.Sprintf("add %s.%s(%s)", short, name, fix)
	}
	if k.Access == kinds.ViaSetter {
		if (p.Lhs == nil || p.Via != "") && p.Accessor != "" {
			return fmt.Sprintf("call %s(%s) on %s", k.Name, fix, p.Accessor)
		}
		if p.Lhs == nil {
			return fmt.Sprintf("call %s(%s) where it is stored (no fix offered: not stored by a simple statement)", k.Name, fix)
		}
		return fmt.Sprintf("call %s(%s)", k.Name, fix)
	}
	return fmt.Sprintf("set %s below it (e.g. %s)%s", k.Name, fix, p.Kind.Hint)
}

// configDefaultMessage is the text of a finding about a default that
// configuration gives (a flag's, a struct tag's, a key's): "http.Transport
// IdleConnTimeout is 15m by default (envconfig default of
// Config.WebhookIdle), not below the 350s limit; lower that default, e.g.
// to 90 * time.Second".
func (l Limits) configDefaultMessage(f Finding, subject, limit string) string {
	d := f.Value.OptDefault
	text := d.Text
	if text == "" {
		text = defaultText(f.Value)
	}
	what := fmt.Sprintf("%s %s is %s by default (%s)", subject, f.Knob, text, d.Source)
	if k := f.Pool.Kind.PingKnob(); k.Name == f.Knob && k.Field != "" {
		what = fmt.Sprintf("%s %s %s is %s by default (%s)", subject, f.Knob, k.Field, text, d.Source)
	}
	notBelow, noLimit := ", not below", ", which means no limit"
	if f.Pool.Kind.HasSetter(f.Knob) {
		what = fmt.Sprintf("%s(%s) by default (%s)", f.Knob, text, d.Source)
		notBelow, noLimit = " is not below", " means no limit"
	}
	fix := values.DurationExpr(l.FixIdle, "time")
	if f.Value.Duration() > 0 {
		return fmt.Sprintf("%s%s the %s limit; lower that default, e.g. to %s", what, notBelow, limit, fix)
	}
	return fmt.Sprintf("%s%s: idle connections are kept forever, past the %s limit; give it a default, e.g. %s", what, noLimit, limit, fix)
}

// defaultRelated points at where an option's default is: the
// configuration's (a flag's default, a tag), or the option field.
func defaultRelated(d *values.OptionDefault) analysis.RelatedInformation {
	if d.Source != "" {
		return analysis.RelatedInformation{Pos: d.At, End: d.At, Message: "the default: " + d.Source}
	}
	if d.BuiltWithout.IsValid() {
		return analysis.RelatedInformation{Pos: d.BuiltWithout, End: d.BuiltWithout, Message: "built here without " + d.Field.Name()}
	}
	why := ", never given a non-zero default in this package"
	if !d.IsZero() {
		why = ", whose default is set in this package"
	}
	return analysis.RelatedInformation{Pos: d.Field.Pos(), End: d.Field.Pos() + token.Pos(len(d.Field.Name())), Message: d.Name() + why}
}
