package resolve

import (
	"go/ast"
	"go/constant"
	"go/types"

	"github.com/keepalivelint/keepalivelint/analyzer/internal/index"
	"github.com/keepalivelint/keepalivelint/analyzer/internal/values"
)

// A library's factory judged by its default. An exported function whose
// pool's options can only come from callers outside the package (the
// options an option loop applies, or those a dialing wrapper passes on,
// through a parameter of the exported function that no caller in the
// package gives anything) is judged as most of its users call it: with
// no options. Its verdict says so (ByDefault) and is filed under a rule
// of its own, factory-default-unbounded, which an application can switch
// off and a library keeps. A caller in the package is a visible caller:
// then the union over callers stands, as before. Callers in other
// packages of the module cannot be seen from the factory's package (the
// pass is per package; go vet's module boundary is not the package's):
// each is judged where it calls, by the factory's fact, as before.

// Defaulted says how a pool was judged by an exported factory's default.
type Defaulted struct {
	Func    *types.Func // the exported factory, whose callers are all out of sight
	Options bool        // judged with no options
	Config  string      // judged with a zero value of this Config type ("Config"), or ""
}

// ByDefault returns how p was judged by an exported factory's default, or
// nil. It is known once p's settings are resolved.
func (s *Resolver) ByDefault(p *index.Pool) *Defaulted {
	return s.byDefault[p]
}

// markByDefault records that p is judged by fn's default; the caller
// says how (Options, Config).
func (s *Resolver) markByDefault(p *index.Pool, fn *types.Func) *Defaulted {
	if s.byDefault == nil {
		s.byDefault = map[*index.Pool]*Defaulted{}
	}
	d := s.byDefault[p]
	if d == nil {
		d = &Defaulted{}
		s.byDefault[p] = d
	}
	d.Func = fn
	return d
}

// loopByDefault reports whether loop l's options come only through a
// parameter of an exported function no caller in the package calls: the
// loop is then judged with none (and p marked).
func (s *Resolver) loopByDefault(p *index.Pool, l *index.LoopOptions) bool {
	if l.Exported == nil || len(l.Callers) > 0 {
		return false
	}
	s.markByDefault(p, l.Exported).Options = true
	return true
}

// optionsByDefault returns st known and with no value from out of sight
// when the only options out of sight of p's opener are a parameter of the
// exported dialing function no caller in the package calls (a dialing
// wrapper: NewClient(ctx, opts ...grpc.DialOption)), and marks p; zero:
// the options out of sight from a Config are left out (zeroOptions).
func (s *Resolver) optionsByDefault(p *index.Pool, l *index.OptionList, st values.Setting, zero bool) values.Setting {
	if l.ZeroAt != nil && !zero {
		return st // options from a Config too, not judged with a zero one
	}
	pu, ok := l.OnlyParam()
	if !ok || !pu.Func.Exported() || !s.Index.Encloses(pu.Func, p.Call) {
		return st
	}
	if calls, all := s.Index.CallsOf(pu.Func); !all || len(calls) > 0 {
		return st
	}
	s.markByDefault(p, pu.Func).Options = true
	st.Known, st.Opaque = true, nil
	return st
}

// A factory judged with a zero Config. An exported function that takes a
// struct (or a pointer to one) no caller in the package gives builds its
// pool from what callers out of sight put in it (func New(cfg Config)):
// it is judged as most of them call it, with a zero Config
// (index/zeroconfig.go). Where the function builds the pool, a field of
// that Config read for a knob is 0 (nil, false); options appended from
// one (cfg.DialOptions...) are none; a write, setter call or option
// added under a condition a zero Config makes false (if cfg.Idle > 0
// {...}) does not run. The pool is then marked as judged by default,
// and its findings filed under factory-default-unbounded. Only while
// judging (ZeroConfig): a fact keeps such values unknown, for importers
// give their own Config.

func (s *Resolver) markConfig(p *index.Pool, fn *types.Func) {
	s.markByDefault(p, fn).Config = s.Index.ZeroConfigName(fn)
}

// zeroFor reports whether p is judged with a zero Config of fn: fn is
// such a factory and builds p.
func (s *Resolver) zeroFor(p *index.Pool, fn *types.Func) bool {
	return s.ZeroConfig && fn != nil && p.Node != nil && s.Index.Encloses(fn, p.Node)
}

// zeroDrops reports whether what a zero Config of fn keeps from running
// is left out of p's settings, and marks p if so.
func (s *Resolver) zeroDrops(p *index.Pool, fn *types.Func) bool {
	if !s.zeroFor(p, fn) {
		return false
	}
	s.markConfig(p, fn)
	return true
}

// zeroDead reports whether n (a write, a setter call) does not run in
// the factory that builds p when it is called with a zero Config.
func (s *Resolver) zeroDead(p *index.Pool, n ast.Node) bool {
	if !s.ZeroConfig || !s.Index.HasZeroConfigs() {
		return false
	}
	return s.zeroDrops(p, s.Index.DeadUnderZero(n))
}

// zeroOptions makes st known, but for the parameters options come
// through, when what is out of sight in l are the options a zero Config
// leaves out, and reports whether it did.
func (s *Resolver) zeroOptions(p *index.Pool, l *index.OptionList, st *values.Setting) bool {
	if l.ZeroAt == nil || !s.zeroFor(p, l.ZeroFunc) {
		return false
	}
	s.markConfig(p, l.ZeroFunc)
	st.Known, st.Opaque = l.Opaque == nil && len(l.Params) == 0, l.Opaque
	if st.Opaque == nil && len(l.Params) > 0 {
		st.Opaque = l.Params[0].At
	}
	return true
}

// zeroValues gives the values of st read from a zero Config of the
// factory that builds p the constant they are then (cfg.Idle: 0,
// time.Duration(cfg.IdleSec) * time.Second: 0).
func (s *Resolver) zeroValues(p *index.Pool, st values.Setting) values.Setting {
	if !s.ZeroConfig || !s.Index.HasZeroConfigs() {
		return st
	}
	for i, v := range st.Values {
		if v.Known() || v.Expr == nil || v.OptDefault != nil {
			continue
		}
		c, fn := s.Index.ZeroEval(v.Expr)
		if c == nil || !s.zeroFor(p, fn) || (c.Kind() != constant.Int && c.Kind() != constant.Bool) {
			continue
		}
		s.markConfig(p, fn)
		st.Values[i].C, st.Values[i].Rng, st.Values[i].ZeroConfig = c, nil, fn
		st.Values[i].ZeroRead = s.zeroRead(v.Expr)
	}
	return st
}

// zeroRead returns the first read of a Config field in e.
func (s *Resolver) zeroRead(e ast.Expr) ast.Expr {
	var read ast.Expr
	ast.Inspect(e, func(n ast.Node) bool {
		if sel, ok := n.(*ast.SelectorExpr); ok && read == nil {
			if fn, _ := s.Index.ZeroRead(sel); fn != nil {
				read = sel
			}
		}
		return read == nil
	})
	if read == nil {
		return e
	}
	return read
}
