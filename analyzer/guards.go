package analyzer

import (
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"math"
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

// An interval is what guards say about an integer value that is not a
// constant: it lies in [lo, hi] and, with nonZero, is not 0. probes are the
// points a predicate of the judge is tested on (see value.holds).
type interval struct {
	lo, hi  int64
	nonZero bool
	probes  []int64
}

var anyInt = interval{lo: math.MinInt64, hi: math.MaxInt64}

func (r interval) full() bool { return r.lo == math.MinInt64 && r.hi == math.MaxInt64 && !r.nonZero }

func (r interval) empty() bool { return r.lo > r.hi || (r.lo == 0 && r.hi == 0 && r.nonZero) }

func (r interval) contains(x int64) bool {
	return r.lo <= x && x <= r.hi && !(x == 0 && r.nonZero)
}

// meet is the intersection of r and o.
func (r interval) meet(o interval) interval {
	return interval{lo: max(r.lo, o.lo), hi: min(r.hi, o.hi), nonZero: r.nonZero || o.nonZero}
}

// constrain returns r with x op c assumed.
func (r interval) constrain(op token.Token, c int64) interval {
	switch op {
	case token.GTR:
		if c < math.MaxInt64 {
			r.lo = max(r.lo, c+1)
		}
	case token.GEQ:
		r.lo = max(r.lo, c)
	case token.LSS:
		if c > math.MinInt64 {
			r.hi = min(r.hi, c-1)
		}
	case token.LEQ:
		r.hi = min(r.hi, c)
	case token.EQL:
		r.lo, r.hi = max(r.lo, c), min(r.hi, c)
	case token.NEQ:
		switch c {
		case 0:
			r.nonZero = true
		case r.lo:
			r.lo++
		case r.hi:
			r.hi--
		}
	}
	return r
}

// scale returns the interval of x*k for x in r, saturated at the int64
// bounds.
func (r interval) scale(k int64) interval {
	if k == 1 {
		return r
	}
	lo, hi := satMul(r.lo, k), satMul(r.hi, k)
	if k < 0 {
		lo, hi = hi, lo
	}
	return interval{lo: lo, hi: hi, nonZero: r.nonZero}
}

func satMul(a, k int64) int64 {
	switch {
	case a == 0 || k == 0:
		return 0
	case a == math.MinInt64 || a == math.MaxInt64:
		if (a > 0) == (k > 0) {
			return math.MaxInt64
		}
		return math.MinInt64
	}
	p := a * k
	if p/k != a {
		if (a > 0) == (k > 0) {
			return math.MaxInt64
		}
		return math.MinInt64
	}
	return p
}

// withProbes returns r with the points the judge's predicates are tested
// on: its ends, and the points inside it where a predicate can change
// (-1|0, 0|1 for signs; limit-1|limit for the limit). Every predicate of
// the judge (<= 0, < 0, in (0, L)) is constant between them.
func (r interval) withProbes(limit int64) interval {
	r.probes = nil
	for _, x := range []int64{r.lo, r.hi, -1, 0, 1, limit - 1, limit} {
		if r.contains(x) {
			r.probes = append(r.probes, x)
		}
	}
	return r
}

// holds reports whether ok holds for every value v may hold: the constant,
// or every point of its guarded range. A value that is neither holds
// nothing.
func (v value) holds(ok func(value) bool) bool {
	if v.known() {
		return ok(v)
	}
	if v.rng == nil {
		return false
	}
	for _, x := range v.rng.probes {
		if !ok(v.at(x)) {
			return false
		}
	}
	return true
}

// fails reports whether ok fails for every value v may hold.
func (v value) fails(ok func(value) bool) bool {
	if v.known() {
		return !ok(v)
	}
	if v.rng == nil {
		return false
	}
	for _, x := range v.rng.probes {
		if ok(v.at(x)) {
			return false
		}
	}
	return true
}

// at is v with the constant x.
func (v value) at(x int64) value {
	v.c, v.rng = constant.MakeInt64(x), nil
	return v
}

// refine narrows a value that is not a constant: by the guards that
// dominate each expression it was followed through (uses: the use, then
// the single writes of the variables it names), and, when it is read from
// an option whose default the package tells and the guards allow that
// default, to that default (defaults.go).
func (s *settingsOf) refine(v *value, uses []ast.Expr) {
	if s.fl == nil || len(uses) == 0 {
		return
	}
	r := anyInt
	for _, u := range uses {
		r = r.meet(s.guardsAt(u))
	}
	if r.empty() {
		return // contradictory guards: code that does not run
	}
	if d := s.optionDefaultOf(uses[len(uses)-1], 0); d != nil && d.allowedBy(r) {
		v.c, v.optDefault = d.value, d
		return
	}
	if !r.full() {
		r = r.withProbes(int64(s.limit))
		v.rng = &r
	}
}

// guardsAt returns the interval the guards dominating e give its value.
func (s *settingsOf) guardsAt(e ast.Expr) interval {
	base, k := scaledRef(s.ix.info, e)
	if base == nil || !isInteger(s.ix.info.TypeOf(base)) {
		return anyInt
	}
	r := anyInt
	if isUnsigned(s.ix.info.TypeOf(base)) {
		r.lo = 0
	}
	cur, ok := s.fl.root.FindByPos(e.Pos(), e.End())
	if !ok {
		return anyInt
	}
	child := cur
	for parent := cur.Parent(); parent.Valid() && parent.Node() != nil; child, parent = parent, parent.Parent() {
		switch p := parent.Node().(type) {
		case *ast.FuncDecl, *ast.FuncLit:
			return r.scale(k)
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
	return r.scale(k)
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
func (s *settingsOf) earlyExits(r interval, base ast.Expr, list []ast.Stmt, stmt ast.Node) interval {
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
func (s *settingsOf) leaves(branch ast.Stmt) bool {
	b, ok := branch.(*ast.BlockStmt)
	if !ok || len(b.List) == 0 {
		return false
	}
	switch last := b.List[len(b.List)-1].(type) {
	case *ast.ReturnStmt, *ast.BranchStmt:
		return true
	case *ast.ExprStmt:
		call, ok := last.X.(*ast.CallExpr)
		return ok && !mayReturn(s.ix.info, call)
	case *ast.BlockStmt:
		return s.leaves(last)
	}
	return false
}

// assume returns r narrowed by cond being truth, where cond compares base
// with a constant.
func (s *settingsOf) assume(r interval, base, cond ast.Expr, truth bool) interval {
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
			k, ok := intConst(s.ix.info, c.Y)
			if !ok {
				if k, ok = intConst(s.ix.info, c.X); !ok {
					return r
				}
				op, x = mirror(op), c.Y
			}
			if !sameRef(s.ix.info, x, base) {
				return r
			}
			if !truth {
				op = negate(op)
			}
			return r.constrain(op, k)
		}
	}
	return r
}

// mirror returns the operator of c op x written as x op' c.
func mirror(op token.Token) token.Token {
	switch op {
	case token.LSS:
		return token.GTR
	case token.LEQ:
		return token.GEQ
	case token.GTR:
		return token.LSS
	case token.GEQ:
		return token.LEQ
	}
	return op
}

// negate returns the operator of !(x op c).
func negate(op token.Token) token.Token {
	switch op {
	case token.EQL:
		return token.NEQ
	case token.NEQ:
		return token.EQL
	case token.LSS:
		return token.GEQ
	case token.LEQ:
		return token.GTR
	case token.GTR:
		return token.LEQ
	case token.GEQ:
		return token.LSS
	}
	return op
}

// intConst returns the value of e if it is an integer constant (a float
// constant with an integer value included).
func intConst(info *types.Info, e ast.Expr) (int64, bool) {
	tv, ok := info.Types[e]
	if !ok || tv.Value == nil {
		return 0, false
	}
	c := constant.ToInt(tv.Value)
	if c.Kind() != constant.Int {
		return 0, false
	}
	return constant.Int64Val(c)
}

// scaledRef returns the variable or field reference e reads and the
// constant factor e multiplies it by, seeing through parentheses and
// conversions: time.Duration(c.IdleSec) * time.Second is c.IdleSec times
// 1e9. It returns nil for any other expression.
func scaledRef(info *types.Info, e ast.Expr) (ast.Expr, int64) {
	k := int64(1)
	for range 8 {
		switch x := ast.Unparen(e).(type) {
		case *ast.CallExpr:
			if tv, ok := info.Types[x.Fun]; !ok || !tv.IsType() || len(x.Args) != 1 {
				return nil, 0
			}
			e = x.Args[0]
		case *ast.BinaryExpr:
			if x.Op != token.MUL {
				return nil, 0
			}
			f, ok := intConst(info, x.Y)
			other := x.X
			if !ok {
				if f, ok = intConst(info, x.X); !ok {
					return nil, 0
				}
				other = x.Y
			}
			if f == 0 || satMul(k, f) == math.MaxInt64 || satMul(k, f) == math.MinInt64 {
				return nil, 0
			}
			k *= f
			e = other
		case *ast.Ident, *ast.SelectorExpr:
			if tv, ok := info.Types[x]; ok && tv.Value != nil {
				return nil, 0
			}
			return x, k
		case *ast.StarExpr:
			return x, k
		default:
			return nil, 0
		}
	}
	return nil, 0
}

// sameRef reports whether a and b read the same variable or field path
// (c.cfg.Idle and c.cfg.Idle), conversions seen through.
func sameRef(info *types.Info, a, b ast.Expr) bool {
	a, b = stripConversions(info, a), stripConversions(info, b)
	switch x := a.(type) {
	case *ast.Ident:
		y, ok := b.(*ast.Ident)
		return ok && info.ObjectOf(x) != nil && info.ObjectOf(x) == info.ObjectOf(y)
	case *ast.SelectorExpr:
		y, ok := b.(*ast.SelectorExpr)
		return ok && info.ObjectOf(x.Sel) != nil && info.ObjectOf(x.Sel) == info.ObjectOf(y.Sel) && sameRef(info, x.X, y.X)
	case *ast.StarExpr:
		y, ok := b.(*ast.StarExpr)
		return ok && sameRef(info, x.X, y.X)
	}
	return false
}

func stripConversions(info *types.Info, e ast.Expr) ast.Expr {
	for {
		e = ast.Unparen(e)
		call, ok := e.(*ast.CallExpr)
		if !ok || len(call.Args) != 1 {
			return e
		}
		if tv, ok := info.Types[call.Fun]; !ok || !tv.IsType() {
			return e
		}
		e = call.Args[0]
	}
}

func isInteger(t types.Type) bool {
	if t == nil {
		return false // an expression that did not type-check
	}
	b, ok := types.Unalias(t).Underlying().(*types.Basic)
	return ok && b.Info()&types.IsInteger != 0
}

func isUnsigned(t types.Type) bool {
	if t == nil {
		return false
	}
	b, ok := types.Unalias(t).Underlying().(*types.Basic)
	return ok && b.Info()&types.IsUnsigned != 0
}
