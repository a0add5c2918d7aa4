package index

import (
	"go/ast"
	"go/types"
)

// The previous value of a variable. A pointer copied from a variable
// before the function stores a new pool there (old := adminServer; defer
// stopAdmin(old); adminServer = &http.Server{...}) holds the value the
// variable held then, not the new pool: what is done through it (a
// deferred Shutdown, a handoff to code out of sight) belongs to the old
// value. In a loop around both, the copy of the next iteration is this
// pool: it stays an alias there.

// LiveAliases returns the pointers that share pool p through its holder
// h: h's aliases but those copied from h, in p's function, before p is
// stored in it.
func (ix *Index) LiveAliases(p *Pool, h types.Object) []types.Object {
	as := ix.Aliases[h]
	if p == nil || h == nil || h != p.Obj || len(as) == 0 {
		return as
	}
	var live []types.Object
	for _, a := range as {
		if !ix.copiedBefore(a, p) {
			live = append(live, a)
		}
	}
	return live
}

// copiedBefore reports whether a is a local variable whose every write is
// made before p's construction in the same function, outside any loop
// around that construction.
func (ix *Index) copiedBefore(a types.Object, p *Pool) bool {
	ws := ix.WholeWrites[a]
	if !IsLocal(a) || len(ws) == 0 || ix.AddrTaken[a] {
		return false
	}
	cur, ok := ix.Inspector.Root().FindNode(p.Node)
	if !ok {
		return false
	}
	var fn, loop ast.Node
	for c := range cur.Enclosing((*ast.ForStmt)(nil), (*ast.RangeStmt)(nil), (*ast.FuncDecl)(nil), (*ast.FuncLit)(nil)) {
		switch c.Node().(type) {
		case *ast.ForStmt, *ast.RangeStmt:
			if loop == nil {
				loop = c.Node()
			}
			continue
		}
		fn = c.Node()
		break
	}
	if fn == nil {
		return false
	}
	for _, w := range ws {
		if w == nil || w.End() > p.Node.Pos() || w.Pos() < fn.Pos() {
			return false
		}
		if loop != nil && loop.Pos() <= w.Pos() && w.End() <= loop.End() {
			return false
		}
	}
	return true
}
