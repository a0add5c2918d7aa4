package judge

import (
	"fmt"
	"go/types"

	"github.com/keepalivelint/keepalivelint/analyzer/internal/index"
	"github.com/keepalivelint/keepalivelint/analyzer/internal/rules"
	"github.com/keepalivelint/keepalivelint/analyzer/internal/values"
)

// Judge decides whether pool p can keep an idle connection past the limit
// (judgePool). A pool an exported factory builds with the options only
// callers out of sight can give, judged with none (resolve/bydefault.go),
// has its findings of an unset bound filed under factory-default-unbounded:
// most of a library's users take the default; an application whose
// factories only it calls switches the rule off (SkipFactoryDefaults).
func (j *Judge) Judge(p *index.Pool) []Finding {
	fs, ok := j.withoutZeroConfig(p)
	if !ok {
		fs = j.judgePool(p)
	}
	d := j.settings.ByDefault(p)
	if d == nil {
		return fs
	}
	out := fs[:0]
	for _, f := range fs {
		if (f.Value == nil || f.Value.ZeroConfig != nil) && f.Category != rules.Dynamic && f.byDefault == nil {
			if j.cfg.SkipFactoryDefaults {
				continue
			}
			f.orig, f.Category, f.byDefault = f.Category, rules.FactoryDefault, d
		}
		out = append(out, f)
	}
	return out
}

// withoutZeroConfig judges p, built by an exported factory that takes a
// Config, as before (no zero Config): when that resolves every value or
// proves a finding whatever the Config (has no IdleConnTimeout on some
// paths), its verdict stands and ok is true; when its only verdicts are
// values it cannot resolve, p is judged with a zero Config.
func (j *Judge) withoutZeroConfig(p *index.Pool) ([]Finding, bool) {
	s := j.settings
	if !s.ZeroConfig || p.Node == nil || !j.ix.HasZeroConfigs() || j.ix.ZeroFuncAt(p.Node) == nil {
		return nil, false
	}
	s.ZeroConfig = false
	defer func() { s.ZeroConfig = true }()
	strict := *j
	strict.cfg.Strict = true // to see the values it cannot resolve
	fs := strict.judgePool(p)
	if len(fs) > 0 && onlyDynamic(fs) {
		return nil, false
	}
	var out []Finding
	for _, f := range fs {
		if f.Category != rules.Dynamic || j.cfg.Strict {
			out = append(out, f)
		}
	}
	return out, true
}

// onlyDynamic reports whether every finding of fs is dynamic.
func onlyDynamic(fs []Finding) bool {
	for _, f := range fs {
		if f.Category != rules.Dynamic {
			return false
		}
	}
	return true
}

// byDefaultMessage is the message of a finding filed under
// factory-default-unbounded: the finding's own, about the pool as the
// exported factory builds it when called with no options.
func (l Limits) byDefaultMessage(f Finding) string {
	if f.Value != nil && f.Value.ZeroConfig != nil && f.orig == f.Pool.Kind.Cat.NonPositive {
		return l.zeroConfigMessage(f)
	}
	p := *f.Pool
	d := f.byDefault
	where := "exported " + d.Func.Name() + " called with no options"
	switch {
	case d.Config != "" && d.Options:
		where = "exported " + d.Func.Name() + " called with no options and a zero " + d.Config
	case d.Config != "":
		where = "exported " + d.Func.Name() + " called with a zero " + d.Config
	}
	if p.Opener != "" {
		where = p.Opener + " in " + where
	}
	p.Opener = where
	g := f
	g.Pool, g.Category, g.byDefault = &p, f.orig, nil
	return l.message(g)
}

// zeroConfigMessage is the message of a bound read from a zero Config:
// "http.Transport IdleConnTimeout is 0 (cfg.Idle) in exported New called
// with a zero Config: no limit, ...".
func (l Limits) zeroConfigMessage(f Finding) string {
	read := types.ExprString(f.Value.ZeroRead)
	what := f.Pool.Kind.Name + " " + f.Knob + " is 0 (" + read + ")"
	if f.Pool.Kind.HasSetter(f.Knob) {
		what = f.Knob + "(0) (" + read + ")"
	}
	return fmt.Sprintf("%s in exported %s called with a zero %s: no limit, past the %s limit; give %s a default, e.g. %s",
		what, f.byDefault.Func.Name(), f.byDefault.Config, values.Seconds(l.MaxIdle), read, values.DurationExpr(l.FixIdle, "time"))
}
