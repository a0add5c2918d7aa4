package resolve

import (
	"go/constant"
	"go/types"

	"github.com/keepalivelint/keepalivelint/analyzer/internal/summaries"
	"github.com/keepalivelint/keepalivelint/analyzer/internal/values"
)

// Flags of other packages. A service often declares its flags in a
// package of their own (var Idle = flag.Duration("idle", 45*time.Second,
// "")) and reads them elsewhere (*flags.Idle). The declaring package
// exports the flag's default as a FlagDefault fact on the variable when
// its package writes it only there and never takes its address; a reader
// takes that default unless it writes the variable itself. Another
// package storing a new pointer in the variable is not seen: flag
// variables are not reassigned in practice.

// ExportedFlagDefault returns the default of the flag the exported
// package variable v of this package points to, or nil.
func (s *Defaults) ExportedFlagDefault(v *types.Var) *summaries.FlagDefault {
	if v.Pkg() != s.Index.Pkg || !v.Exported() || v.IsField() || notWrittenOnce(s, v) {
		return nil
	}
	d := s.declaredFlagDefault(v)
	if d == nil || d.Value == nil {
		return nil
	}
	n, ok := constant.Int64Val(constant.ToInt(d.Value))
	if !ok {
		return nil
	}
	return &summaries.FlagDefault{Value: n, Source: d.Source}
}

// notWrittenOnce reports whether v is not written exactly once, by its
// declaration, or has its address taken.
func notWrittenOnce(s *Defaults, v *types.Var) bool {
	ws := s.Index.WholeWrites[v]
	return len(ws) != 1 || ws[0] == nil || s.Index.AddrTaken[v]
}

// importedFlagDefault returns the default of the flag another package's
// variable v points to, by that package's fact, unless this package
// writes v.
func (s *Defaults) importedFlagDefault(v *types.Var) *values.OptionDefault {
	if s.ImportFact == nil || v.Pkg() == s.Index.Pkg || len(s.Index.WholeWrites[v]) > 0 || s.Index.AddrTaken[v] {
		return nil
	}
	var f summaries.FlagDefault
	if !s.ImportFact(v, &f) {
		return nil
	}
	return &values.OptionDefault{Value: constant.MakeInt64(f.Value), Source: f.Source + " in " + v.Pkg().Name()}
}
