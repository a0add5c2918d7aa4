package flow

import (
	"go/ast"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/cfg"

	"github.com/keepalivelint/keepalivelint/analyzer/internal/index"
)

// A walk searches the paths from a pool's construction for one that skips
// every blocked node and reaches a place where the pool outlives its
// function (see flow). Its state is the block and whether the pool has
// escaped on the path so far.
type walk struct {
	g       *graph
	start   at
	blocked map[at]bool
	holders map[types.Object]bool
	info    *types.Info
	// errVar is the opener's error; errLive: it still holds the opener's
	// result on the path, so the branch where it is not nil has no pool.
	errVar types.Object
	state  map[[3]int32]int8 // 1: on the current path, 2: done
}

func (w *walk) from(b *cfg.Block, i int, escaped, errLive bool) bool {
	for ; i < len(b.Nodes); i++ {
		p := at{b, i}
		switch {
		case w.blocked[p]:
			return false
		case p == w.start:
			return escaped // the next pool: the previous one lives on if kept
		case !escaped && w.escapes(b.Nodes[i]):
			escaped = true
		}
		if errLive && w.assigns(b.Nodes[i], w.errVar) {
			errLive = false
		}
	}
	if len(b.Succs) == 0 {
		return escaped && isReturn(b)
	}
	succs := b.Succs
	if len(succs) == 2 && len(b.Nodes) > 0 {
		last := b.Nodes[len(b.Nodes)-1]
		op := token.ILLEGAL
		if errLive {
			op = w.errCheck(last) // err != nil: no pool on the true branch
		}
		if op == token.ILLEGAL {
			op = w.nonNilCheck(at{b, len(b.Nodes) - 1}) // x != nil where x cannot be nil
		}
		switch op {
		case token.NEQ:
			succs = succs[1:]
		case token.EQL:
			succs = succs[:1]
		}
	}
	for _, s := range succs {
		key := [3]int32{s.Index, boolIndex(escaped), boolIndex(errLive)}
		switch w.state[key] {
		case 1:
			if !w.g.canExit[s.Index] {
				return true // a loop that never ends, the pool in use
			}
			continue
		case 2:
			continue
		}
		w.state[key] = 1
		found := w.from(s, 0, escaped, errLive)
		w.state[key] = 2
		if found {
			return true
		}
	}
	return false
}

// errCheck returns the operator of n when n is errVar != nil or
// errVar == nil, or token.ILLEGAL.
func (w *walk) errCheck(n ast.Node) token.Token {
	b, ok := n.(*ast.BinaryExpr)
	if !ok || (b.Op != token.NEQ && b.Op != token.EQL) {
		return token.ILLEGAL
	}
	x, y := ast.Unparen(b.X), ast.Unparen(b.Y)
	if id, ok := x.(*ast.Ident); ok && id.Name == "nil" {
		x, y = y, x
	}
	xi, ok1 := x.(*ast.Ident)
	yi, ok2 := y.(*ast.Ident)
	if !ok1 || !ok2 || w.info.Uses[xi] != w.errVar || yi.Name != "nil" {
		return token.ILLEGAL
	}
	return b.Op
}

// nonNilCheck decides a nil check at a (x == nil, x != nil) on an
// expression that every path to it has made non-nil (if h.KeepAlive == nil
// { h.KeepAlive = &KeepAlive{...} } before if h.KeepAlive != nil { ... }),
// in errCheck's terms: token.NEQ when the true branch cannot run, token.EQL
// when the false branch cannot, token.ILLEGAL when it is not such a check.
func (w *walk) nonNilCheck(a at) token.Token {
	x, op := nilCompare(w.info, a.b.Nodes[a.i])
	if x == nil || !w.g.nonNilAt(w.info, x, a) {
		return token.ILLEGAL
	}
	if op == token.EQL {
		return token.NEQ // x == nil is false: drop the true branch
	}
	return token.EQL // x != nil is true: drop the false branch
}

// assigns reports whether n assigns v.
func (w *walk) assigns(n ast.Node, v types.Object) bool {
	as, ok := n.(*ast.AssignStmt)
	if !ok {
		return false
	}
	for _, lhs := range as.Lhs {
		if id, ok := ast.Unparen(lhs).(*ast.Ident); ok && w.info.ObjectOf(id) == v {
			return true
		}
	}
	return false
}

// toLocalHolders reports whether n only assigns local holders.
func (w *walk) toLocalHolders(n ast.Node) bool {
	var lhs []ast.Expr
	switch n := n.(type) {
	case *ast.AssignStmt:
		lhs = n.Lhs
	case *ast.ValueSpec:
		for _, id := range n.Names {
			lhs = append(lhs, id)
		}
	default:
		return false
	}
	for _, l := range lhs {
		id, ok := ast.Unparen(l).(*ast.Ident)
		if !ok || !w.holders[w.info.ObjectOf(id)] || !index.IsLocal(w.info.ObjectOf(id)) {
			return false
		}
	}
	return true
}

func boolIndex(b bool) int32 {
	if b {
		return 1
	}
	return 0
}

// escapes reports whether node n lets the pool outlive its function: it
// names a holder of the pool other than to select one of its fields or
// methods, to compare it, to assign it, or to store it in a local holder.
func (w *walk) escapes(n ast.Node) bool {
	if w.toLocalHolders(n) {
		return false
	}
	found := false
	ast.PreorderStack(n, nil, func(m ast.Node, stack []ast.Node) bool {
		if found {
			return false
		}
		id, ok := m.(*ast.Ident)
		if !ok || !w.holders[w.info.Uses[id]] {
			return true
		}
		inClosure := false
		for _, s := range stack {
			if _, ok := s.(*ast.FuncLit); ok {
				inClosure = true
			}
		}
		if inClosure || len(stack) == 0 {
			found = inClosure
			return false
		}
		switch parent := stack[len(stack)-1].(type) {
		case *ast.SelectorExpr:
			if parent.X == m {
				return false // t.F, db.M(...)
			}
		case *ast.BinaryExpr:
			if parent.Op == token.EQL || parent.Op == token.NEQ {
				return false
			}
		case *ast.AssignStmt:
			for _, lhs := range parent.Lhs {
				if lhs == m {
					return false
				}
			}
		case *ast.StarExpr:
			return false // *t: a copy of the value
		}
		found = true
		return false
	})
	return found
}
