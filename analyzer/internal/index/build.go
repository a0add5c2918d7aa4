package index

import (
	"go/ast"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/ast/inspector"
	"golang.org/x/tools/go/types/typeutil"

	"github.com/keepalivelint/keepalivelint/analyzer/internal/kinds"
	"github.com/keepalivelint/keepalivelint/analyzer/internal/values"
)

// A builder records what one walk over the package's syntax finds into
// the index it builds.
type builder struct{ *Index }

func New(info *types.Info, pkg *types.Package, insp *inspector.Inspector, quiet Quiet) *Index {
	ix := &Index{
		Info:         info,
		Pkg:          pkg,
		Inspector:    insp,
		FieldWrites:  map[types.Object][]fieldWrite{},
		WholeWrites:  map[types.Object][]ast.Expr{},
		AddrTaken:    map[types.Object]bool{},
		UsedAsPool:   map[types.Object]bool{},
		ResultOf:     map[types.Object]*types.Func{},
		ReturnedBy:   map[types.Object]*types.Func{},
		Aliases:      map[types.Object][]types.Object{},
		Calls:        map[*types.Func]int{},
		closes:       map[types.Object][]string{},
		escapes:      map[types.Object]bool{},
		Handoffs:     map[any][]Handoff{},
		Setters:      map[types.Object][]setterCall{},
		declaredZero: map[types.Object]bool{},
		initialized:  map[types.Object]bool{},
		quiet:        quiet,
	}
	b := builder{ix}
	for cur := range insp.Root().Preorder(walked...) {
		if !quiet.At(cur.Node().Pos()) {
			b.visit(cur)
		}
	}
	return ix
}

// walked are the nodes the index records something of.
var walked = []ast.Node{
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

// visit records what the node at cur does to the objects it names.
func (ix builder) visit(cur inspector.Cursor) {
	switch n := cur.Node().(type) {
	case *ast.AssignStmt:
		ix.assign(n)
	case *ast.ValueSpec:
		ix.valueSpec(n)
	case *ast.UnaryExpr:
		if n.Op == token.AND {
			ix.addressOf(n)
			ix.addrUse(cur, n)
		}
	case *ast.IncDecStmt:
		ix.writeOf(n.X, nil, n)
	case *ast.CompositeLit:
		ix.keyedFields(n)
	case *ast.CallExpr:
		if fn, ok := typeutil.Callee(ix.Info, n).(*types.Func); ok && fn.Pkg() == ix.Pkg {
			ix.Calls[fn.Origin()]++
		}
		ix.methodCall(n)
		ix.handoff(n)
		ix.receiverHandoff(n)
		ix.setterCall(n)
	case *ast.DeferStmt:
		ix.closeCall(n.Call)
		ix.deferredCloses(n.Call)
	case *ast.ExprStmt:
		if call, ok := n.X.(*ast.CallExpr); ok {
			ix.closeCall(call)
		}
	case *ast.ReturnStmt:
		ix.markEscapes(n)
		ix.returns(cur, n)
	case *ast.GoStmt:
		ix.markEscapes(n)
	case *ast.RangeStmt:
		for _, e := range []ast.Expr{n.Key, n.Value} {
			if obj := ix.RootObj(e); obj != nil {
				ix.WholeWrites[obj] = append(ix.WholeWrites[obj], nil)
			}
		}
	}
}

// returns records the variables a package function returns (return t),
// so that what its callers write to the result counts for t.
func (ix builder) returns(cur inspector.Cursor, ret *ast.ReturnStmt) {
	f := ix.ReturningFunc(cur)
	if f == nil {
		return
	}
	for _, r := range ret.Results {
		if id, ok := ast.Unparen(r).(*ast.Ident); ok {
			if obj, ok := ix.Info.Uses[id].(*types.Var); ok && IsLocal(obj) {
				ix.ReturnedBy[obj] = f
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
		obj := ix.RootObj(lhs)
		if obj == nil {
			continue
		}
		ix.WholeWrites[obj] = append(ix.WholeWrites[obj], rhs)
		ix.noteDefinition(obj, rhs)
		if n.Tok == token.DEFINE && ix.Info.Defs[identOf(lhs)] == obj {
			ix.initialized[obj] = true
		}
		if rhs != nil && !IsLocal(obj) {
			ix.markEscapes(rhs) // stored in a field or package variable
		}
	}
}

// closeCall records x.M() as a call of M on the object x.
func (ix builder) closeCall(call *ast.CallExpr) {
	if sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr); ok {
		if obj := ix.RootObj(sel.X); obj != nil {
			ix.closes[obj] = append(ix.closes[obj], sel.Sel.Name)
		}
	}
}

// deferredCloses records the methods a deferred closure calls on the
// variables it captures, wherever the call sits in its body: defer func()
// { _ = conn.Close() }(), or with an error check or a log around it, runs
// on return as surely as defer conn.Close(). The closure's reference to
// the variable is not an escape (it runs before the function returns).
func (ix builder) deferredCloses(call *ast.CallExpr) {
	fl, ok := ast.Unparen(call.Fun).(*ast.FuncLit)
	if !ok {
		return
	}
	ast.Inspect(fl.Body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit, *ast.GoStmt, *ast.DeferStmt:
			return false // runs later, or is recorded on its own
		case *ast.CallExpr:
			if sel, ok := ast.Unparen(n.Fun).(*ast.SelectorExpr); ok && len(n.Args) == 0 {
				if obj := ix.RootObj(sel.X); obj != nil && IsLocal(obj) {
					ix.closes[obj] = append(ix.closes[obj], sel.Sel.Name)
				}
			}
		}
		return true
	})
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
				if s, ok := ix.Info.Selections[sel]; ok && s.Kind() == types.MethodVal {
					if id, ok := ast.Unparen(sel.X).(*ast.Ident); ok {
						receivers[id] = true
					}
				}
			}
		case *ast.Ident:
			if receivers[n] {
				return true
			}
			if obj := ix.Info.Uses[n]; obj != nil {
				ix.escapes[obj] = true
			}
		}
		return true
	})
}

func (ix builder) valueSpec(n *ast.ValueSpec) {
	for i, name := range n.Names {
		obj := ix.Info.Defs[name]
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
		ix.WholeWrites[obj] = append(ix.WholeWrites[obj], rhs)
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
		if recv := ix.accessorRecv(call); recv != nil {
			// srv := app.Server(): srv points to app's server.
			if target := ix.RootObj(recv); target != nil && target != obj {
				ix.Aliases[target] = append(ix.Aliases[target], obj)
			}
			return
		}
		if fn, ok := typeutil.Callee(ix.Info, call).(*types.Func); ok && fn.Pkg() == obj.Pkg() {
			ix.ResultOf[obj] = fn
		}
		return
	}
	if _, isPtr := types.Unalias(obj.Type()).(*types.Pointer); !isPtr || !kinds.IsTracked(kinds.Pointee(obj.Type())) {
		return
	}
	switch rhs.(type) {
	case *ast.Ident, *ast.SelectorExpr, *ast.UnaryExpr:
		if target := ix.RootObj(rhs); target != nil && target != obj {
			ix.Aliases[target] = append(ix.Aliases[target], obj)
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
	field, holder := ix.PoolField(sel)
	if field == nil {
		if inner, ok := ast.Unparen(sel.X).(*ast.SelectorExpr); ok {
			if field, holder = ix.PoolField(inner); field != nil {
				value = nil // a part of a field: not a value we can judge
			}
		}
	}
	if field == nil {
		return false
	}
	if obj := ix.RootObj(holder); obj != nil {
		ix.FieldWrites[obj] = append(ix.FieldWrites[obj], fieldWrite{Field: field, Value: value, Node: node})
	}
	return true
}

func (ix builder) addressOf(n *ast.UnaryExpr) {
	if sel, ok := ast.Unparen(n.X).(*ast.SelectorExpr); ok {
		if field, holder := ix.PoolField(sel); field != nil {
			// &t.IdleConnTimeout: written somewhere we cannot see
			// (flag.DurationVar, a decoder).
			if obj := ix.RootObj(holder); obj != nil {
				ix.FieldWrites[obj] = append(ix.FieldWrites[obj], fieldWrite{Field: field, Node: n})
			}
			return
		}
	}
	obj := ix.RootObj(n.X)
	if obj == nil {
		return
	}
	ix.AddrTaken[obj] = true
	if kinds.IsTracked(obj.Type()) {
		ix.UsedAsPool[obj] = true
	}
}

// keyedFields records F: e in a struct literal as a write of field F, so
// that a transport stored in a struct field is tied to that field; the
// elements of a literal without keys are writes of the fields in order.
func (ix builder) keyedFields(lit *ast.CompositeLit) {
	st, ok := values.TypeOf(ix.Info, lit).Underlying().(*types.Struct)
	if !ok {
		return
	}
	for i, elt := range lit.Elts {
		kv, ok := elt.(*ast.KeyValueExpr)
		if !ok {
			if i < st.NumFields() {
				f := st.Field(i).Origin()
				ix.WholeWrites[f] = append(ix.WholeWrites[f], elt)
			}
			continue
		}
		key, ok := kv.Key.(*ast.Ident)
		if !ok {
			continue
		}
		if f, ok := ix.Info.Uses[key].(*types.Var); ok && f.IsField() {
			ix.WholeWrites[f.Origin()] = append(ix.WholeWrites[f.Origin()], kv.Value)
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
	s, ok := ix.Info.Selections[sel]
	if !ok || s.Kind() != types.MethodVal || !kinds.IsTracked(kinds.Pointee(s.Recv())) {
		return
	}
	if obj := ix.RootObj(sel.X); obj != nil {
		ix.UsedAsPool[obj] = true
	}
}

// setterCall records x.M(v) where M is a setter knob of the kind of x
// (sqlx.DB embeds *sql.DB: its promoted setters count; xorm's Engine has
// setters of its own), by the object x.
func (ix builder) setterCall(call *ast.CallExpr) {
	sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
	if !ok {
		return
	}
	fn, ok := typeutil.Callee(ix.Info, call).(*types.Func)
	if !ok || fn.Signature().Recv() == nil {
		return
	}
	k := kinds.SetterKind(kinds.Pointee(fn.Signature().Recv().Type()))
	if k == nil || !k.HasSetter(fn.Name()) {
		return
	}
	// engine.DB().SetMaxIdleConns(n): the pool is engine's.
	x := sel.X
	for range 4 {
		y := StripWrap(ix.Info, stripEmbedded(ix.Info, x))
		if y == x {
			break
		}
		x = y
	}
	if obj := ix.RootObj(x); obj != nil {
		ix.Setters[obj] = append(ix.Setters[obj], setterCall{Method: fn.Name(), Call: call})
	}
}

// handoff records the pools call receives through a pointer parameter of
// a pool type (*http.Transport, *sql.DB). A parameter of interface type
// (http.RoundTripper) belongs to a wrapper, which does not configure.
func (ix builder) handoff(call *ast.CallExpr) {
	sig, ok := types.Unalias(values.TypeOf(ix.Info, call.Fun)).Underlying().(*types.Signature)
	if !ok {
		return // a conversion or a builtin
	}
	if _, ok := typeutil.Callee(ix.Info, call).(*types.Builtin); ok {
		return // append, copy: not a function that configures
	}
	callee, _ := typeutil.Callee(ix.Info, call).(*types.Func)
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
		if kinds.OfType(ptr.Elem()) == nil {
			continue
		}
		h := Handoff{Call: call, Callee: callee, Index: i}
		if callee != nil && !sig.Variadic() {
			h.Param = callee.Signature().Params().At(i)
		}
		if lit, ok := values.StripAddr(arg).(*ast.CompositeLit); ok {
			ix.Handoffs[lit] = append(ix.Handoffs[lit], h)
		} else if obj := ix.RootObj(arg); obj != nil {
			ix.Handoffs[obj] = append(ix.Handoffs[obj], h)
		}
	}
}
