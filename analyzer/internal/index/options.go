package index

import (
	"go/ast"
	"go/types"

	"golang.org/x/tools/go/types/typeutil"
)

// options returns the option calls an opener call is given, from the
// package of the opener, through inline arguments, a variable holding one
// option, or a slice built from literals and appends; known is false when
// some option could come from code out of sight (a parameter, a helper's
// result, a slice written through a pointer): opaque is then the
// expression that brings it in.
func (ix *Index) Options(call *ast.CallExpr) (opts []*ast.CallExpr, opaque ast.Expr) {
	fn, ok := typeutil.Callee(ix.Info, call).(*types.Func)
	if !ok || !fn.Signature().Variadic() {
		return nil, nil
	}
	optPkg := fn.Pkg()
	// known is set false where an option may come from out of sight; at
	// is the expression that brings it in.
	known := true
	var at ast.Expr
	unknown := func(e ast.Expr) {
		if known {
			known, at = false, e
		}
	}
	seen := map[types.Object]bool{}
	var option func(e ast.Expr, depth int)
	var slice func(e ast.Expr, depth int)
	// fromVar follows a local variable through its writes.
	fromVar := func(e ast.Expr, depth int, each func(ast.Expr, int)) bool {
		id, ok := ast.Unparen(e).(*ast.Ident)
		if !ok {
			return false
		}
		obj, ok := ix.Info.Uses[id].(*types.Var)
		ws := ix.WholeWrites[obj]
		if !ok || !IsLocal(obj) || ix.AddrTaken[obj] || (len(ws) == 0 && !ix.declaredZero[obj]) {
			unknown(e) // a parameter, a package variable, a pointer
			return true
		}
		if seen[obj] {
			return true // opts = append(opts, ...): its other writes are followed once
		}
		seen[obj] = true
		for _, w := range ws {
			if w == nil {
				unknown(e)
				continue
			}
			each(w, depth+1)
		}
		return true
	}
	option = func(e ast.Expr, depth int) {
		if depth > 8 {
			unknown(e)
			return
		}
		if c, ok := ast.Unparen(e).(*ast.CallExpr); ok {
			if f, ok := typeutil.Callee(ix.Info, c).(*types.Func); ok && f.Pkg() == optPkg {
				opts = append(opts, c) // an option of the opener's package
				return
			}
			unknown(e) // a helper that may return any option
			return
		}
		if !fromVar(e, depth, option) {
			unknown(e)
		}
	}
	slice = func(e ast.Expr, depth int) {
		if depth > 8 {
			unknown(e)
			return
		}
		switch x := ast.Unparen(e).(type) {
		case *ast.CompositeLit:
			for _, elt := range x.Elts {
				option(elt, depth+1)
			}
			return
		case *ast.CallExpr:
			if b, ok := ix.Info.Uses[calleeIdent(x)].(*types.Builtin); ok && b.Name() == "append" && len(x.Args) > 0 {
				slice(x.Args[0], depth+1)
				rest := x.Args[1:]
				if x.Ellipsis.IsValid() && len(rest) > 0 {
					slice(rest[len(rest)-1], depth+1)
					rest = rest[:len(rest)-1]
				}
				for _, a := range rest {
					option(a, depth+1)
				}
				return
			}
		}
		if !fromVar(e, depth, slice) {
			unknown(e)
		}
	}
	first := fn.Signature().Params().Len() - 1
	if first > len(call.Args) {
		return nil, nil
	}
	args := call.Args[first:]
	if call.Ellipsis.IsValid() && len(args) == 1 {
		slice(args[0], 0)
	} else {
		for _, a := range args {
			option(a, 0)
		}
	}
	return opts, at
}

// calleeIdent returns the identifier a call's function is named by, or nil.
func calleeIdent(call *ast.CallExpr) *ast.Ident {
	id, _ := ast.Unparen(call.Fun).(*ast.Ident)
	return id
}
