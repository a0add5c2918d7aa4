package judge

import (
	"github.com/keepalivelint/keepalivelint/analyzer/internal/index"
	"github.com/keepalivelint/keepalivelint/analyzer/internal/rules"
)

// Judge decides whether pool p can keep an idle connection past the limit
// (judgePool). A pool an exported factory builds with the options only
// callers out of sight can give, judged with none (resolve/bydefault.go),
// has its findings of an unset bound filed under factory-default-unbounded:
// most of a library's users take the default; an application whose
// factories only it calls switches the rule off (SkipFactoryDefaults).
func (j *Judge) Judge(p *index.Pool) []Finding {
	fs := j.judgePool(p)
	fn := j.settings.ByDefault(p)
	if fn == nil {
		return fs
	}
	out := fs[:0]
	for _, f := range fs {
		if f.Value == nil && f.Category != rules.Dynamic && f.byDefault == nil {
			if j.cfg.SkipFactoryDefaults {
				continue
			}
			f.orig, f.Category, f.byDefault = f.Category, rules.FactoryDefault, fn
		}
		out = append(out, f)
	}
	return out
}

// byDefaultMessage is the message of a finding filed under
// factory-default-unbounded: the finding's own, about the pool as the
// exported factory builds it when called with no options.
func (l Limits) byDefaultMessage(f Finding) string {
	p := *f.Pool
	where := "exported " + f.byDefault.Name() + " called with no options"
	if p.Opener != "" {
		where = p.Opener + " in " + where
	}
	p.Opener = where
	g := f
	g.Pool, g.Category, g.byDefault = &p, f.orig, nil
	return l.message(g)
}
