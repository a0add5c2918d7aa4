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
// and the message names the accessor.
func (ix sites) placeAtAccessor(p *index.Pool, f kinds.Front) {
	if f.Setters {
		return
	}
	p.Lhs, p.Stmt, p.After = nil, nil, nil
	if p.Obj == nil {
		_, short, _ := kinds.CutLast(f.Type, "/")
		p.Accessor = "(*" + short + ")." + f.Accessor + "()"
		return
	}
	p.Accessor = p.Obj.Name() + "." + f.Accessor + "()"
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
