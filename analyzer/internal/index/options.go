package index

import (
	"go/ast"
	"go/types"

	"golang.org/x/tools/go/types/typeutil"
)

// Options returns the option calls an opener call is given, from the
// package of the opener, through inline arguments, a variable holding one
// option, or a slice built from literals and appends; opaque is not nil
// when some option could come from code out of sight (a parameter, a
// helper's result, a slice written through a pointer): it is the
// expression that brings it in.
func Options(ix *Index, call *ast.CallExpr) (opts []*ast.CallExpr, opaque ast.Expr) {
	fn, ok := typeutil.Callee(ix.Info, call).(*types.Func)
	if !ok || !fn.Signature().Variadic() {
		return nil, nil
	}
	first := fn.Signature().Params().Len() - 1
	if first > len(call.Args) {
		return nil, nil
	}
	w := &optionWalk{ix: ix, optPkg: fn.Pkg(), seen: map[types.Object]bool{}}
	args := call.Args[first:]
	if call.Ellipsis.IsValid() && len(args) == 1 {
		w.slice(args[0], 0)
	} else {
		for _, a := range args {
			w.option(a, 0)
		}
	}
	return w.opts, w.opaque
}

// An optionWalk follows the expressions that give an opener its options.
type optionWalk struct {
	ix     *Index
	optPkg *types.Package // the opener's package: its functions make options
	opts   []*ast.CallExpr
	opaque ast.Expr // the first expression that brings in options out of sight
	seen   map[types.Object]bool
}

// unknown records that e may bring in options out of sight.
func (w *optionWalk) unknown(e ast.Expr) {
	if w.opaque == nil {
		w.opaque = e
	}
}

// option follows an expression of one option.
func (w *optionWalk) option(e ast.Expr, depth int) {
	if depth > 8 {
		w.unknown(e)
		return
	}
	if c, ok := ast.Unparen(e).(*ast.CallExpr); ok {
		if f, ok := typeutil.Callee(w.ix.Info, c).(*types.Func); ok && f.Pkg() == w.optPkg {
			w.opts = append(w.opts, c) // an option of the opener's package
			return
		}
		w.unknown(e) // a helper that may return any option
		return
	}
	if !w.fromVar(e, depth, w.option) {
		w.unknown(e)
	}
}

// slice follows an expression of a slice of options: a literal, an
// append, or a variable holding one.
func (w *optionWalk) slice(e ast.Expr, depth int) {
	if depth > 8 {
		w.unknown(e)
		return
	}
	switch x := ast.Unparen(e).(type) {
	case *ast.CompositeLit:
		for _, elt := range x.Elts {
			w.option(elt, depth+1)
		}
		return
	case *ast.CallExpr:
		if w.isAppend(x) {
			w.appended(x, depth)
			return
		}
	}
	if !w.fromVar(e, depth, w.slice) {
		w.unknown(e)
	}
}

func (w *optionWalk) isAppend(call *ast.CallExpr) bool {
	b, ok := w.ix.Info.Uses[calleeIdent(call)].(*types.Builtin)
	return ok && b.Name() == "append" && len(call.Args) > 0
}

// appended follows append(s, o1, o2) and append(s, more...).
func (w *optionWalk) appended(call *ast.CallExpr, depth int) {
	w.slice(call.Args[0], depth+1)
	rest := call.Args[1:]
	if call.Ellipsis.IsValid() && len(rest) > 0 {
		w.slice(rest[len(rest)-1], depth+1)
		rest = rest[:len(rest)-1]
	}
	for _, a := range rest {
		w.option(a, depth+1)
	}
}

// fromVar follows a local variable through its writes, each by follow;
// it reports whether e is an identifier (a variable it followed, or one
// it recorded as out of sight: a parameter, a package variable, a
// variable written through a pointer).
func (w *optionWalk) fromVar(e ast.Expr, depth int, follow func(ast.Expr, int)) bool {
	id, ok := ast.Unparen(e).(*ast.Ident)
	if !ok {
		return false
	}
	obj, ok := w.ix.Info.Uses[id].(*types.Var)
	ws := w.ix.WholeWrites[obj]
	if !ok || !IsLocal(obj) || w.ix.AddrTaken[obj] || (len(ws) == 0 && !w.ix.declaredZero[obj]) {
		w.unknown(e)
		return true
	}
	if w.seen[obj] {
		return true // opts = append(opts, ...): its other writes are followed once
	}
	w.seen[obj] = true
	for _, wr := range ws {
		if wr == nil {
			w.unknown(e)
			continue
		}
		follow(wr, depth+1)
	}
	return true
}

// calleeIdent returns the identifier a call's function is named by, or nil.
func calleeIdent(call *ast.CallExpr) *ast.Ident {
	id, _ := ast.Unparen(call.Fun).(*ast.Ident)
	return id
}
