package resolve

import (
	"go/ast"
	"go/constant"
	"go/types"

	"github.com/keepalivelint/keepalivelint/analyzer/internal/kinds"
)

// setterFlagDefault returns the default of the flag e reads, *v where v is a
// variable of this package written once, by its declaration, with
// flag.Duration(name, default, usage): the value the setting has unless
// the command line sets it. A flag of another package is left to that
// package (facts could carry its default). Minimal, for the values a
// house type's setters and an option loop's closures are given; the
// general resolution of configuration defaults belongs with the
// resolver's option defaults (defaults.go).
func (s *Resolver) setterFlagDefault(e ast.Expr) constant.Value {
	star, ok := ast.Unparen(e).(*ast.StarExpr)
	if !ok {
		return nil
	}
	id, ok := ast.Unparen(star.X).(*ast.Ident)
	if !ok {
		return nil
	}
	v, ok := s.Index.Info.Uses[id].(*types.Var)
	if !ok || v.Pkg() != s.Index.Pkg || len(s.Index.WholeWrites[v]) != 1 || s.Index.AddrTaken[v] {
		return nil
	}
	call, ok := ast.Unparen(s.Index.WholeWrites[v][0]).(*ast.CallExpr)
	if !ok || len(call.Args) != 3 || kinds.CalleeName(s.Index.Info, call) != "flag.Duration" {
		return nil
	}
	c, _ := s.Index.Follow(call.Args[1])
	return c
}
