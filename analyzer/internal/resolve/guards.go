package resolve

import (
	"go/ast"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/ast/inspector"

	"github.com/keepalivelint/keepalivelint/analyzer/internal/flow"
	"github.com/keepalivelint/keepalivelint/analyzer/internal/values"
)

// Guards refine values that are not constants. A value used under a
// condition that dominates the use and bounds it (if n > 0 { db.SetMaxIdleConns(n) },
// if d <= 0 { return }; t.IdleConnTimeout = d) is judged by that bound:
// a setter called only with a positive count keeps idle connections, an
// IdleConnTimeout assigned only when it lies in (0, L) is safe.
//
// Dominance is read from the syntax, which for Go's structured statements
// is exact: the use is in the body of an if (or for) whose condition is
// the guard, in its else branch (the negated guard), in a case of a
// tagless switch, on the right of && or ||, or after an if in the same
// block whose body always leaves it (return, break, continue, goto, panic,
// log.Fatal). A guard compares the value's variable or field (conversions
// and constant factors seen through: time.Duration(c.IdleSec) * time.Second
// is guarded by c.IdleSec > 0) with a constant. A reassignment between the
// guard and the use is not looked for.

// Guards reads the conditions that dominate a use of a value.
type Guards struct {
	Info *types.Info
	Root inspector.Cursor
}

// guardsAt returns the interval the guards dominating e give its value.
func (s *Guards) guardsAt(e ast.Expr) values.Interval {
	base, k := values.ScaledRef(s.Info, e)
	if base == nil || !values.IsInteger(s.Info.TypeOf(base)) {
		return values.AnyInt
	}
	r := values.AnyInt
	if values.IsUnsigned(s.Info.TypeOf(base)) {
		r.Lo = 0
	}
	cur, ok := s.Root.FindByPos(e.Pos(), e.End())
	if !ok {
		return values.AnyInt
	}
	child := cur
	for parent := cur.Parent(); parent.Valid() && parent.Node() != nil; child, parent = parent, parent.Parent() {
		switch p := parent.Node().(type) {
		case *ast.FuncDecl, *ast.FuncLit:
			return r.Scale(k)
		case *ast.IfStmt:
			switch child.Node() {
			case p.Body:
				r = s.assume(r, base, p.Cond, true)
			case p.Else:
				r = s.assume(r, base, p.Cond, false)
			}
		case *ast.ForStmt:
			if child.Node() == p.Body && p.Cond != nil {
				r = s.assume(r, base, p.Cond, true)
			}
		case *ast.BinaryExpr:
			if child.Node() == p.Y && p.Op == token.LAND {
				r = s.assume(r, base, p.X, true)
			} else if child.Node() == p.Y && p.Op == token.LOR {
				r = s.assume(r, base, p.X, false)
			}
		case *ast.BlockStmt:
			r = s.earlyExits(r, base, p.List, child.Node())
		case *ast.CaseClause:
			r = s.earlyExits(r, base, p.Body, child.Node())
			if sw, ok := parent.Parent().Parent().Node().(*ast.SwitchStmt); ok && sw.Tag == nil && len(p.List) == 1 && isIn(child.Node(), p.Body) {
				r = s.assume(r, base, p.List[0], true)
			}
		case *ast.CommClause:
			r = s.earlyExits(r, base, p.Body, child.Node())
		}
	}
	return r.Scale(k)
}

func isIn(n ast.Node, list []ast.Stmt) bool {
	for _, s := range list {
		if s == n {
			return true
		}
	}
	return false
}

// earlyExits applies the ifs before stmt in list whose body (or else
// branch) always leaves the block: past them, their condition is false (or
// true).
func (s *Guards) earlyExits(r values.Interval, base ast.Expr, list []ast.Stmt, stmt ast.Node) values.Interval {
	for _, st := range list {
		if st == stmt {
			break
		}
		ifs, ok := st.(*ast.IfStmt)
		if !ok || ifs.Init != nil {
			continue
		}
		switch {
		case s.leaves(ifs.Body):
			r = s.assume(r, base, ifs.Cond, false)
		case ifs.Else != nil && s.leaves(ifs.Else):
			r = s.assume(r, base, ifs.Cond, true)
		}
	}
	return r
}

// leaves reports whether a branch never falls through to the statement
// after its if: it ends with a return, a branch statement, or a call that
// does not return.
func (s *Guards) leaves(branch ast.Stmt) bool {
	b, ok := branch.(*ast.BlockStmt)
	if !ok || len(b.List) == 0 {
		return false
	}
	switch last := b.List[len(b.List)-1].(type) {
	case *ast.ReturnStmt, *ast.BranchStmt:
		return true
	case *ast.ExprStmt:
		call, ok := last.X.(*ast.CallExpr)
		return ok && !flow.MayReturn(s.Info, call)
	case *ast.BlockStmt:
		return s.leaves(last)
	}
	return false
}

// assume returns r narrowed by cond being truth, where cond compares base
// with a constant.
func (s *Guards) assume(r values.Interval, base, cond ast.Expr, truth bool) values.Interval {
	switch c := ast.Unparen(cond).(type) {
	case *ast.UnaryExpr:
		if c.Op == token.NOT {
			return s.assume(r, base, c.X, !truth)
		}
	case *ast.BinaryExpr:
		switch c.Op {
		case token.LAND:
			if truth {
				r = s.assume(r, base, c.X, true)
				r = s.assume(r, base, c.Y, true)
			}
		case token.LOR:
			if !truth {
				r = s.assume(r, base, c.X, false)
				r = s.assume(r, base, c.Y, false)
			}
		case token.EQL, token.NEQ, token.LSS, token.LEQ, token.GTR, token.GEQ:
			op, x := c.Op, c.X
			k, ok := values.IntConst(s.Info, c.Y)
			if !ok {
				if k, ok = values.IntConst(s.Info, c.X); !ok {
					return r
				}
				op, x = values.Mirror(op), c.Y
			}
			if !values.SameRef(s.Info, x, base) {
				return r
			}
			if !truth {
				op = values.Negate(op)
			}
			return r.Constrain(op, k)
		}
	}
	return r
}
