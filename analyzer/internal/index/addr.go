package index

import (
	"go/ast"
	"go/types"

	"golang.org/x/tools/go/ast/inspector"
)

// An AddrUse is where the address of a variable or field is taken: as an
// argument of a call (flag.DurationVar(&c.Idle, ...)), as the value of a
// struct literal's field (&cli.DurationFlag{Destination: &idle}), or
// elsewhere (both nil). A default that configuration gives through the
// pointer is read from there (resolve/configdefaults.go).
type AddrUse struct {
	Call *ast.CallExpr
	Arg  int
	Lit  *ast.CompositeLit
	Key  string
}

// addrUse records where the address &x at cur goes.
func (ix builder) addrUse(cur inspector.Cursor, n *ast.UnaryExpr) {
	obj := ix.RootObj(n.X)
	if obj == nil {
		return
	}
	if _, ok := obj.(*types.Var); !ok {
		return
	}
	var use AddrUse
	switch parent := cur.Parent().Node().(type) {
	case *ast.CallExpr:
		for i, a := range parent.Args {
			if a == ast.Expr(n) {
				use.Call, use.Arg = parent, i
			}
		}
	case *ast.KeyValueExpr:
		if lit, ok := cur.Parent().Parent().Node().(*ast.CompositeLit); ok && parent.Value == ast.Expr(n) {
			if key, ok := parent.Key.(*ast.Ident); ok {
				use.Lit, use.Key = lit, key.Name
			}
		}
	}
	if ix.AddrUses == nil {
		ix.AddrUses = map[types.Object][]AddrUse{}
	}
	ix.AddrUses[obj] = append(ix.AddrUses[obj], use)
}
