package analyzer

import (
	"go/ast"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/ast/inspector"
	"golang.org/x/tools/go/types/typeutil"
)

// A builder records what one walk over the package's syntax finds into
// the index it builds.
type builder struct{ *index }

func newIndex(info *types.Info, pkg *types.Package, insp *inspector.Inspector, quiet Quiet) *index {
	ix := &index{
		info:         info,
		pkg:          pkg,
		insp:         insp,
		fieldWrites:  map[types.Object][]fieldWrite{},
		wholeWrites:  map[types.Object][]ast.Expr{},
		addrTaken:    map[types.Object]bool{},
		usedAsPool:   map[types.Object]bool{},
		resultOf:     map[types.Object]*types.Func{},
		returnedBy:   map[types.Object]*types.Func{},
		aliases:      map[types.Object][]types.Object{},
		closes:       map[types.Object][]string{},
		escapes:      map[types.Object]bool{},
		handoffs:     map[any][]handoff{},
		setters:      map[types.Object][]setterCall{},
		declaredZero: map[types.Object]bool{},
		initialized:  map[types.Object]bool{},
	}
	b := builder{ix}
	filter := []ast.Node{
		(*ast.AssignStmt)(nil),
		(*ast.ValueSpec)(nil),
		(*ast.UnaryExpr)(nil),
		(*ast.IncDecStmt)(nil),
		(*ast.CompositeLit)(nil),
		(*ast.CallExpr)(nil),
		(*ast.RangeStmt)(nil),
		(*ast.DeferStmt)(nil),
		(*ast.ExprStmt)(nil),
		(*ast.ReturnStmt)(nil),
		(*ast.GoStmt)(nil),
	}
	for cur := range insp.Root().Preorder(filter...) {
		n := cur.Node()
		if quiet.At(n.Pos()) {
			continue
		}
		switch n := n.(type) {
		case *ast.AssignStmt:
			b.assign(n)
		case *ast.ValueSpec:
			b.valueSpec(n)
		case *ast.UnaryExpr:
			if n.Op == token.AND {
				b.addressOf(n)
			}
		case *ast.IncDecStmt:
			b.writeOf(n.X, nil, n)
		case *ast.CompositeLit:
			b.keyedFields(n)
		case *ast.CallExpr:
			b.methodCall(n)
			b.handoff(n)
			b.setterCall(n)
		case *ast.DeferStmt:
			b.closeCall(n.Call)
		case *ast.ExprStmt:
			if call, ok := n.X.(*ast.CallExpr); ok {
				b.closeCall(call)
			}
		case *ast.ReturnStmt:
			b.markEscapes(n)
			b.returns(cur, n)
		case *ast.GoStmt:
			b.markEscapes(n)
		case *ast.RangeStmt:
			for _, e := range []ast.Expr{n.Key, n.Value} {
				if obj := ix.rootObj(e); obj != nil {
					ix.wholeWrites[obj] = append(ix.wholeWrites[obj], nil)
				}
			}
		}
	}
	return ix
}

// returns records the variables a package function returns (return t),
// so that what its callers write to the result counts for t.
func (ix builder) returns(cur inspector.Cursor, ret *ast.ReturnStmt) {
	f := ix.returningFunc(cur)
	if f == nil {
		return
	}
	for _, r := range ret.Results {
		if id, ok := ast.Unparen(r).(*ast.Ident); ok {
			if obj, ok := ix.info.Uses[id].(*types.Var); ok && isLocal(obj) {
				ix.returnedBy[obj] = f
			}
		}
	}
}

func (ix builder) assign(n *ast.AssignStmt) {
	for i, lhs := range n.Lhs {
		var rhs ast.Expr
		if len(n.Lhs) == len(n.Rhs) && (n.Tok == token.ASSIGN || n.Tok == token.DEFINE) {
			rhs = n.Rhs[i]
		}
		if len(n.Rhs) == 1 && len(n.Lhs) > 1 && i == 0 {
			// db, err := sql.Open(...); t, ok := x.(*http.Transport):
			// the first variable gets the first result.
			rhs = n.Rhs[0]
		}
		if ix.writeOf(lhs, rhs, n) {
			continue
		}
		obj := ix.rootObj(lhs)
		if obj == nil {
			continue
		}
		ix.wholeWrites[obj] = append(ix.wholeWrites[obj], rhs)
		ix.noteDefinition(obj, rhs)
		if n.Tok == token.DEFINE && ix.info.Defs[identOf(lhs)] == obj {
			ix.initialized[obj] = true
		}
		if rhs != nil && !isLocal(obj) {
			ix.markEscapes(rhs) // stored in a field or package variable
		}
	}
}

// closeCall records x.M() as a call of M on the object x.
func (ix builder) closeCall(call *ast.CallExpr) {
	if sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr); ok {
		if obj := ix.rootObj(sel.X); obj != nil {
			ix.closes[obj] = append(ix.closes[obj], sel.Sel.Name)
		}
	}
}

// markEscapes records the objects n mentions as escaping their function.
// In a return statement, the receiver of a method called there (return
// conn.Invoke(...)) is used before the function returns, not handed on.
func (ix builder) markEscapes(n ast.Node) {
	_, isReturn := n.(*ast.ReturnStmt)
	receivers := map[*ast.Ident]bool{}
	ast.Inspect(n, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			isReturn = false // a closure returned may call it later
		case *ast.CallExpr:
			if !isReturn {
				return true
			}
			if sel, ok := ast.Unparen(n.Fun).(*ast.SelectorExpr); ok {
				if s, ok := ix.info.Selections[sel]; ok && s.Kind() == types.MethodVal {
					if id, ok := ast.Unparen(sel.X).(*ast.Ident); ok {
						receivers[id] = true
					}
				}
			}
		case *ast.Ident:
			if receivers[n] {
				return true
			}
			if obj := ix.info.Uses[n]; obj != nil {
				ix.escapes[obj] = true
			}
		}
		return true
	})
}

func (ix builder) valueSpec(n *ast.ValueSpec) {
	for i, name := range n.Names {
		obj := ix.info.Defs[name]
		if obj == nil {
			continue
		}
		var rhs ast.Expr
		switch {
		case len(n.Values) == len(n.Names):
			rhs = n.Values[i]
		case len(n.Values) == 0:
			ix.declaredZero[obj] = true
			continue // the zero value: no write
		case len(n.Values) == 1 && i == 0:
			rhs = n.Values[0] // var db, err = sql.Open(...)
		}
		ix.wholeWrites[obj] = append(ix.wholeWrites[obj], rhs)
		ix.noteDefinition(obj, rhs)
		ix.initialized[obj] = true
	}
}

// noteDefinition records what obj = rhs tells about obj: that it holds a
// factory's result, or that it points to another pool.
func (ix builder) noteDefinition(obj types.Object, rhs ast.Expr) {
	if rhs == nil {
		return
	}
	rhs = ast.Unparen(rhs)
	if call, ok := rhs.(*ast.CallExpr); ok {
		if fn, ok := typeutil.Callee(ix.info, call).(*types.Func); ok && fn.Pkg() == obj.Pkg() {
			ix.resultOf[obj] = fn
		}
		return
	}
	if _, isPtr := types.Unalias(obj.Type()).(*types.Pointer); !isPtr || !isTracked(pointee(obj.Type())) {
		return
	}
	switch rhs.(type) {
	case *ast.Ident, *ast.SelectorExpr, *ast.UnaryExpr:
		if target := ix.rootObj(rhs); target != nil && target != obj {
			ix.aliases[target] = append(ix.aliases[target], obj)
		}
	}
}

// writeOf records lhs = value when lhs is a pool field (or a part of one,
// such as d.KeepAliveConfig.Enable, recorded as an unknown value), and
// reports whether it was one.
func (ix builder) writeOf(lhs ast.Expr, value ast.Expr, node ast.Node) bool {
	sel, ok := ast.Unparen(lhs).(*ast.SelectorExpr)
	if !ok {
		return false
	}
	field, holder := ix.poolField(sel)
	if field == nil {
		if inner, ok := ast.Unparen(sel.X).(*ast.SelectorExpr); ok {
			if field, holder = ix.poolField(inner); field != nil {
				value = nil // a part of a field: not a value we can judge
			}
		}
	}
	if field == nil {
		return false
	}
	if obj := ix.rootObj(holder); obj != nil {
		ix.fieldWrites[obj] = append(ix.fieldWrites[obj], fieldWrite{field: field, value: value, node: node})
	}
	return true
}

func (ix builder) addressOf(n *ast.UnaryExpr) {
	if sel, ok := ast.Unparen(n.X).(*ast.SelectorExpr); ok {
		if field, holder := ix.poolField(sel); field != nil {
			// &t.IdleConnTimeout: written somewhere we cannot see
			// (flag.DurationVar, a decoder).
			if obj := ix.rootObj(holder); obj != nil {
				ix.fieldWrites[obj] = append(ix.fieldWrites[obj], fieldWrite{field: field, node: n})
			}
			return
		}
	}
	obj := ix.rootObj(n.X)
	if obj == nil {
		return
	}
	ix.addrTaken[obj] = true
	if isTracked(obj.Type()) {
		ix.usedAsPool[obj] = true
	}
}

// keyedFields records F: e in a struct literal as a write of field F, so
// that a transport stored in a struct field is tied to that field; the
// elements of a literal without keys are writes of the fields in order.
func (ix builder) keyedFields(lit *ast.CompositeLit) {
	st, ok := typeOf(ix.info, lit).Underlying().(*types.Struct)
	if !ok {
		return
	}
	for i, elt := range lit.Elts {
		kv, ok := elt.(*ast.KeyValueExpr)
		if !ok {
			if i < st.NumFields() {
				f := st.Field(i).Origin()
				ix.wholeWrites[f] = append(ix.wholeWrites[f], elt)
			}
			continue
		}
		key, ok := kv.Key.(*ast.Ident)
		if !ok {
			continue
		}
		if f, ok := ix.info.Uses[key].(*types.Var); ok && f.IsField() {
			ix.wholeWrites[f.Origin()] = append(ix.wholeWrites[f.Origin()], kv.Value)
		}
	}
}

// methodCall marks the receiver of a pool method (t.RoundTrip, t.Clone) as
// used as a pool.
func (ix builder) methodCall(call *ast.CallExpr) {
	sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
	if !ok {
		return
	}
	s, ok := ix.info.Selections[sel]
	if !ok || s.Kind() != types.MethodVal || !isTracked(pointee(s.Recv())) {
		return
	}
	if obj := ix.rootObj(sel.X); obj != nil {
		ix.usedAsPool[obj] = true
	}
}

// setterCall records x.M(v) where M is a setter knob of the kind of x
// (sqlx.DB embeds *sql.DB: its promoted setters count), by the object x.
func (ix builder) setterCall(call *ast.CallExpr) {
	sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
	if !ok {
		return
	}
	fn, ok := typeutil.Callee(ix.info, call).(*types.Func)
	if !ok || fn.Signature().Recv() == nil {
		return
	}
	k := kindOfType(pointee(fn.Signature().Recv().Type()))
	if k == nil || !k.hasSetter(fn.Name()) {
		return
	}
	if obj := ix.rootObj(stripEmbedded(ix.info, sel.X)); obj != nil {
		ix.setters[obj] = append(ix.setters[obj], setterCall{method: fn.Name(), call: call})
	}
}

// handoff records the pools call receives through a pointer parameter of
// a pool type (*http.Transport, *sql.DB). A parameter of interface type
// (http.RoundTripper) belongs to a wrapper, which does not configure.
func (ix builder) handoff(call *ast.CallExpr) {
	sig, ok := types.Unalias(typeOf(ix.info, call.Fun)).Underlying().(*types.Signature)
	if !ok {
		return // a conversion or a builtin
	}
	if _, ok := typeutil.Callee(ix.info, call).(*types.Builtin); ok {
		return // append, copy: not a function that configures
	}
	callee, _ := typeutil.Callee(ix.info, call).(*types.Func)
	if callee != nil && harmlessCallee(callee) {
		return
	}
	for i, arg := range call.Args {
		pt := paramType(sig, i)
		if pt == nil {
			continue
		}
		ptr, ok := types.Unalias(pt).(*types.Pointer)
		if !ok {
			continue
		}
		if kindOfType(ptr.Elem()) == nil {
			continue
		}
		h := handoff{call: call, callee: callee, index: i}
		if callee != nil && !sig.Variadic() {
			h.param = callee.Signature().Params().At(i)
		}
		if lit, ok := stripAddr(arg).(*ast.CompositeLit); ok {
			ix.handoffs[lit] = append(ix.handoffs[lit], h)
		} else if obj := ix.rootObj(arg); obj != nil {
			ix.handoffs[obj] = append(ix.handoffs[obj], h)
		}
	}
}
