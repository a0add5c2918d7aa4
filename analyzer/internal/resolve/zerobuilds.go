package resolve

import (
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"

	"github.com/keepalivelint/keepalivelint/analyzer/internal/values"
)

// The zero value is a write too. A field whose one explicit non-zero
// write is a constructor's 90s default holds 0 where the struct is built
// another way: a constructor that returns a literal without the field, or
// with 0, gives its callers 0 (return &Config{Addr: addr}, next to
// NewConfig's &Config{Idle: 90 * time.Second}). Only literals a function
// returns directly are taken for such constructors: a literal kept in a
// variable may get the field later (c.Idle = d, c.setDefaults(), a
// decoder), which is not followed; an empty literal, or one returned next
// to an error (return Config{}, err), is no constructor's.
//
// A write the package guards by a comparison of the field itself with a
// constant replaces the values that comparison admits: if c.Idle <= 0 {
// c.Idle = 90 * time.Second } (a defaults method, Init()) replaces 0 and
// any negative placeholder the constructors write, on the assumption that
// the method runs before the pool is built (as frameworks that call
// Init() or Validate() make sure).

// replacements are the intervals guarded writes of a field replace.
type replacements struct {
	ranges []values.Interval
	writes map[ast.Expr]bool // the guarded writes themselves
}

// replace reports whether the value c written by w is replaced by a
// guarded write (other than w itself).
func (r replacements) replace(w ast.Expr, c constant.Value) bool {
	if r.writes[w] {
		return false
	}
	x, ok := values.ConstantInt64(c)
	if !ok {
		return false
	}
	for _, rg := range r.ranges {
		if rg.Contains(x) {
			return true
		}
	}
	return false
}

// replacements returns the ranges of f's values that guarded writes of f
// replace: an assignment x.f = e under a guard on x.f.
func (s *Defaults) replacements(f *types.Var) replacements {
	r := replacements{writes: map[ast.Expr]bool{}}
	if !values.IsInteger(f.Type()) {
		return r
	}
	g := &Guards{Info: s.Index.Info, Root: s.Root}
	for _, w := range s.Index.WholeWrites[f] {
		lhs := s.assignedBy(w)
		if lhs == nil {
			continue
		}
		if rg := g.guardsAt(lhs); !rg.Full() && !rg.Empty() {
			r.ranges = append(r.ranges, rg)
			r.writes[w] = true
		}
	}
	return r
}

// assignedBy returns the left-hand side that w is assigned to by an
// assignment statement, or nil (a literal's field, a declaration).
func (s *Defaults) assignedBy(w ast.Expr) ast.Expr {
	if w == nil {
		return nil
	}
	cur, ok := s.Root.FindByPos(w.Pos(), w.End())
	for ok && cur.Node() != ast.Node(w) {
		cur = cur.Parent() // the innermost node of w's extent is inside w: (x)
		ok = cur.Node() != nil && cur.Node().Pos() == w.Pos()
	}
	if !ok {
		return nil
	}
	as, ok := cur.Parent().Node().(*ast.AssignStmt)
	if !ok || len(as.Lhs) != len(as.Rhs) {
		return nil
	}
	for i, rhs := range as.Rhs {
		if rhs == w {
			return as.Lhs[i]
		}
	}
	return nil
}

// zeroBuild returns where a function returns a literal of owner without
// field f (or with 0), unless a guarded write replaces 0.
func (s *Defaults) zeroBuild(owner *types.TypeName, f *types.Var, reps replacements) token.Pos {
	if owner == nil || reps.replace(nil, constant.MakeInt64(0)) {
		return token.NoPos
	}
	s.scan()
	for _, lit := range s.returnedLits[owner] {
		if s.litZero(lit, f) {
			return lit.Pos()
		}
	}
	return token.NoPos
}

// litZero reports whether lit, a keyed literal, leaves f out or sets it to
// a constant 0.
func (s *Defaults) litZero(lit *ast.CompositeLit, f *types.Var) bool {
	if len(lit.Elts) > 0 {
		if _, keyed := lit.Elts[0].(*ast.KeyValueExpr); !keyed {
			return false // positional: every field is written
		}
	}
	for _, elt := range lit.Elts {
		kv, ok := elt.(*ast.KeyValueExpr)
		if !ok {
			return false
		}
		key, ok := kv.Key.(*ast.Ident)
		if !ok || s.Index.Info.ObjectOf(key) != types.Object(f) {
			continue
		}
		c, _ := s.Index.Follow(kv.Value)
		return c != nil && values.IsZeroConstant(c)
	}
	return true
}

// returnedLit reports whether lit, whose parent and grandparent in the
// syntax are given, is what a constructor returns (return T{...}, return
// &T{...}, return &T{...}, nil): not an empty literal, and not one
// returned next to an error that may not be nil (return Config{}, err),
// which callers do not use.
func returnedLit(lit *ast.CompositeLit, parent, grand ast.Node) bool {
	if len(lit.Elts) == 0 {
		return false
	}
	ret, ok := parent.(*ast.ReturnStmt)
	if !ok {
		u, isAddr := parent.(*ast.UnaryExpr)
		if !isAddr || u.Op != token.AND {
			return false
		}
		if ret, ok = grand.(*ast.ReturnStmt); !ok {
			return false
		}
	}
	for _, r := range ret.Results {
		if id, ok := ast.Unparen(r).(*ast.Ident); ok && id.Name != "nil" {
			return false
		}
	}
	return true
}
