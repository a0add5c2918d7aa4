package analyzer

import (
	"go/ast"
	"go/types"

	"golang.org/x/tools/go/ast/inspector"
	"golang.org/x/tools/go/types/typeutil"

	"github.com/keepalivelint/keepalivelint/analyzer/internal/index"
	"github.com/keepalivelint/keepalivelint/analyzer/internal/kinds"
)

// ORMs and query builders (kinds.Front): the site is the ORM's opener in
// the user's code, the pool is reached through the handle's accessor
// (sqlDB, err := db.DB()) or, for a wrapper over a pool
// (bun.NewDB(sql.OpenDB(...), dialect)), through the wrapper's result.

// throughWraps returns the cursor of the outermost call that wraps the
// pool opened at cur (bun.NewDB(sql.OpenDB(c), dialect): the bun.NewDB
// call), or cur: where the pool is stored is where the wrapper is.
func (ix sites) throughWraps(cur inspector.Cursor) inspector.Cursor {
	for range 4 {
		parent := cur.Parent()
		call, ok := parent.Node().(*ast.CallExpr)
		if !ok {
			return cur
		}
		fn, ok := typeutil.Callee(ix.Info, call).(*types.Func)
		if !ok || fn.Signature().Recv() != nil {
			return cur
		}
		i := kinds.WrapArg(kinds.QualifiedName(fn))
		if i < 0 || i >= len(call.Args) || ast.Unparen(call.Args[i]) != cur.Node() {
			return cur
		}
		cur = parent
	}
	return cur
}

// wrapsOpenerCall reports whether call, an opener that wraps a pool
// (sqlx.NewDb), is given the call of another opener: that call is the
// site.
func (ix sites) wrapsOpenerCall(call *ast.CallExpr) bool {
	inner, ok := ast.Unparen(index.StripWrap(ix.Info, call)).(*ast.CallExpr)
	if !ok || inner == call {
		return false
	}
	_, _, opener := kinds.OfOpener(kinds.CalleeName(ix.Info, inner))
	return opener
}

// placeAtAccessor moves the fix of a front's pool to where the code holds
// the pool itself (sqlDB, err := db.DB()) when the handle has no setters
// of its own (gorm's *gorm.DB); with no such statement there is no fix,
// and the message names the accessor. A handle with setters of its own
// keeps the fix on it, unless its version lacks the setter the fix calls
// (xorm before v1.3.3 and casdoor's fork have SetConnMaxLifetime but no
// SetConnMaxIdleTime): the fix then calls it through the accessor when
// that returns the pool alone (engine.DB().SetConnMaxIdleTime(d)).
func (ix sites) placeAtAccessor(p *index.Pool, f kinds.Front) {
	setter := p.Kind.FirstBound().Name
	handle := ix.resultType(p.Call)
	if f.Setters && hasMethod(handle, setter) {
		return
	}
	_, short, _ := kinds.CutLast(f.Type, "/")
	name := "(*" + short + ")"
	if p.Obj != nil {
		name = p.Obj.Name()
	}
	p.Accessor = name + "." + f.Accessor + "()"
	if f.Setters && p.Lhs != nil && accessorHas(handle, f.Accessor, setter) {
		p.Via = "." + f.Accessor + "()"
		return
	}
	p.Lhs, p.Stmt, p.After = nil, nil, nil
	if p.Obj == nil {
		return
	}
	var best *ast.CallExpr
	for _, ws := range ix.WholeWrites {
		for _, w := range ws {
			call, ok := ast.Unparen(w).(*ast.CallExpr)
			if !ok || call.Pos() < p.Node.Pos() || best != nil && call.Pos() > best.Pos() {
				continue
			}
			if fn, ok := typeutil.Callee(ix.Info, call).(*types.Func); ok && kinds.IsAccessor(fn) && ix.RootObj(index.StripWrap(ix.Info, call)) == p.Obj {
				best = call
			}
		}
	}
	if best == nil {
		return
	}
	if cur, ok := ix.Inspector.Root().FindNode(best); ok {
		p.Lhs, p.Stmt, p.After = storedIn(cur)
	}
}

// resultType returns the type of call's first result, or nil.
func (ix sites) resultType(call *ast.CallExpr) types.Type {
	t := ix.Info.TypeOf(call)
	if tu, ok := t.(*types.Tuple); ok {
		if tu.Len() == 0 {
			return nil
		}
		t = tu.At(0).Type()
	}
	return t
}

// hasMethod reports whether t (or a pointer to it) has the method name.
func hasMethod(t types.Type, name string) bool {
	if t == nil {
		return false
	}
	obj, _, _ := types.LookupFieldOrMethod(t, true, nil, name)
	_, ok := obj.(*types.Func)
	return ok
}

// accessorHas reports whether t's method accessor returns one value alone
// whose type has the method name (xorm's engine.DB() returns a *core.DB,
// which embeds the *sql.DB): accessor().name(...) is then a call.
func accessorHas(t types.Type, accessor, name string) bool {
	if t == nil {
		return false
	}
	obj, _, _ := types.LookupFieldOrMethod(t, true, nil, accessor)
	fn, ok := obj.(*types.Func)
	if !ok {
		return false
	}
	res := fn.Signature().Results()
	return res.Len() == 1 && hasMethod(res.At(0).Type(), name)
}
