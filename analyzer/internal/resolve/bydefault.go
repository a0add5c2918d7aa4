package resolve

import (
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

// ByDefault returns the exported function whose callers are all out of
// sight and with no options of whose pool p was judged, or nil. It is
// known once p's settings are resolved.
func (s *Resolver) ByDefault(p *index.Pool) *types.Func {
	return s.byDefault[p]
}

func (s *Resolver) markByDefault(p *index.Pool, fn *types.Func) {
	if s.byDefault == nil {
		s.byDefault = map[*index.Pool]*types.Func{}
	}
	s.byDefault[p] = fn
}

// loopByDefault reports whether loop l's options come only through a
// parameter of an exported function no caller in the package calls: the
// loop is then judged with none (and p marked).
func (s *Resolver) loopByDefault(p *index.Pool, l *index.LoopOptions) bool {
	if l.Exported == nil || len(l.Callers) > 0 {
		return false
	}
	s.markByDefault(p, l.Exported)
	return true
}

// optionsByDefault returns st known and with no value from out of sight
// when the only options out of sight of p's opener are a parameter of the
// exported dialing function no caller in the package calls (a dialing
// wrapper: NewClient(ctx, opts ...grpc.DialOption)), and marks p.
func (s *Resolver) optionsByDefault(p *index.Pool, l *index.OptionList, st values.Setting) values.Setting {
	pu, ok := l.OnlyParam()
	if !ok || !pu.Func.Exported() || !s.Index.Encloses(pu.Func, p.Call) {
		return st
	}
	if calls, all := s.Index.CallsOf(pu.Func); !all || len(calls) > 0 {
		return st
	}
	s.markByDefault(p, pu.Func)
	st.Known, st.Opaque = true, nil
	return st
}
