package index

import (
	"go/ast"
	"go/types"

	"golang.org/x/tools/go/types/typeutil"

	"github.com/keepalivelint/keepalivelint/analyzer/internal/kinds"
)

// A house type that embeds a pool (type Server struct { http.Server; ...
// }) is configured through its own methods (func (s *Server)
// UseIdleTimeout(d time.Duration) { s.IdleTimeout = d }): a call of such
// a method of this package hands the pool to it through its receiver, as
// a call that takes the pool as an argument does (Index -1, as in facts).

// receiverHandoff records s.M(...) where M is a method (of this package,
// or of another by its fact) whose pointer receiver's type embeds a pool
// by value.
func (ix builder) receiverHandoff(call *ast.CallExpr) {
	sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
	if !ok {
		return
	}
	fn, ok := typeutil.Callee(ix.Info, call).(*types.Func)
	if !ok || fn.Pkg() == nil {
		return
	}
	recv := fn.Signature().Recv()
	if recv == nil {
		return
	}
	if _, isPtr := types.Unalias(recv.Type()).(*types.Pointer); !isPtr || kinds.EmbeddingOf(kinds.Pointee(recv.Type())) == nil {
		return
	}
	if s, ok := ix.Info.Selections[sel]; !ok || s.Kind() != types.MethodVal || len(s.Index()) != 1 {
		return // a method promoted from another embedded type
	}
	if obj := ix.RootObj(sel.X); obj != nil {
		ix.Handoffs[obj] = append(ix.Handoffs[obj], Handoff{Call: call, Callee: fn, Param: recv, Index: -1})
	}
}
