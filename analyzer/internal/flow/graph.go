package flow

import (
	"go/ast"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/cfg"

	"github.com/keepalivelint/keepalivelint/analyzer/internal/values"
)

type graph struct {
	g       *cfg.CFG
	canExit []bool // the block reaches a return
}

// at is a place in a graph: the index of a node in a block.
type at struct {
	b *cfg.Block
	i int
}

// locate returns the node of g that contains n.
func (g *graph) locate(n ast.Node) (at, bool) {
	for _, b := range g.g.Blocks {
		if !b.Live {
			continue
		}
		for i, m := range b.Nodes {
			if m.Pos() <= n.Pos() && n.End() <= m.End() {
				return at{b, i}, true
			}
		}
	}
	return at{}, false
}

// reaches reports whether a path from a to target passes no blocked node.
func (g *graph) reaches(a, target at, blocked map[at]bool) bool {
	seen := map[*cfg.Block]bool{}
	var from func(b *cfg.Block, i int) bool
	from = func(b *cfg.Block, i int) bool {
		for ; i < len(b.Nodes); i++ {
			switch p := (at{b, i}); {
			case p == target:
				return true
			case blocked[p]:
				return false
			}
		}
		for _, s := range b.Succs {
			if !seen[s] {
				seen[s] = true
				if from(s, 0) {
					return true
				}
			}
		}
		return false
	}
	return from(a.b, a.i)
}

// nilCompare returns x and the operator of x == nil or x != nil.
func nilCompare(info *types.Info, n ast.Node) (ast.Expr, token.Token) {
	b, ok := n.(*ast.BinaryExpr)
	if !ok || (b.Op != token.NEQ && b.Op != token.EQL) {
		return nil, token.ILLEGAL
	}
	x, y := ast.Unparen(b.X), ast.Unparen(b.Y)
	if isNil(info, x) {
		x, y = y, x
	}
	if !isNil(info, y) {
		return nil, token.ILLEGAL
	}
	return x, b.Op
}

func isNil(info *types.Info, e ast.Expr) bool {
	tv, ok := info.Types[e]
	return ok && tv.IsNil()
}

// nonNilAt reports whether every path from the function's entry to the
// node at target makes x non-nil first: assigns it an address, a new(T)
// or a literal, or passes the branch of a nil check where it is not nil.
func (g *graph) nonNilAt(info *types.Info, x ast.Expr, target at) bool {
	seen := map[*cfg.Block]bool{g.g.Blocks[0]: true}
	var reach func(b *cfg.Block) bool
	reach = func(b *cfg.Block) bool {
		for i, n := range b.Nodes {
			if (at{b, i}) == target {
				return true
			}
			if assignsNonNil(info, n, x) {
				return false
			}
		}
		succs := b.Succs
		if len(succs) == 2 && len(b.Nodes) > 0 {
			if y, op := nilCompare(info, b.Nodes[len(b.Nodes)-1]); y != nil && values.SameRef(info, x, y) {
				if op == token.EQL {
					succs = succs[:1] // the false branch has x != nil
				} else {
					succs = succs[1:]
				}
			}
		}
		for _, s := range succs {
			if !seen[s] {
				seen[s] = true
				if reach(s) {
					return true
				}
			}
		}
		return false
	}
	return !reach(g.g.Blocks[0])
}

// assignsNonNil reports whether n assigns x a value that is not nil.
func assignsNonNil(info *types.Info, n ast.Node, x ast.Expr) bool {
	as, ok := n.(*ast.AssignStmt)
	if !ok || len(as.Lhs) != len(as.Rhs) {
		return false
	}
	for i, lhs := range as.Lhs {
		if !values.SameRef(info, lhs, x) {
			continue
		}
		switch r := ast.Unparen(as.Rhs[i]).(type) {
		case *ast.UnaryExpr:
			return r.Op == token.AND
		case *ast.CompositeLit:
			return true
		case *ast.CallExpr:
			if id, ok := ast.Unparen(r.Fun).(*ast.Ident); ok {
				if b, ok := info.Uses[id].(*types.Builtin); ok && (b.Name() == "new" || b.Name() == "make") {
					return true
				}
			}
		}
		return false
	}
	return false
}
