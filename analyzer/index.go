package analyzer

import (
	"go/ast"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/inspector"
	"golang.org/x/tools/go/types/typeutil"
)

// An index records, in one walk over the package, every write that can
// change a pool's settings after it is built, so that a site is judged by its
// effective settings rather than by its literal alone.
//
// Writes are keyed by the object they go through: a variable, or a struct
// field (so that s.tr.IdleConnTimeout = x in one method counts for s.tr
// everywhere in the package). Writes in files the analyzer keeps quiet on
// (tests) are not recorded: they do not change the production program.
type index struct {
	info *types.Info
	pkg  *types.Package
	insp *inspector.Inspector
	// importFact reads a fact of another package's function (nil in
	// drivers without facts).
	importFact func(types.Object, analysis.Fact) bool
	// effects memoizes effectOn.
	effects map[types.Object]paramEffect
	// fieldWrites holds writes of pool fields (t.IdleConnTimeout = x),
	// by the object that holds the pool.
	fieldWrites map[types.Object][]fieldWrite
	// wholeWrites holds the values assigned to an object as a whole
	// (x := e, x = e, var x = e, F: e in a struct literal).
	wholeWrites map[types.Object][]ast.Expr
	// addrTaken holds objects whose address is taken (&x): their value
	// can change behind the analyzer's back.
	addrTaken map[types.Object]bool
	// usedAsPool holds objects of a pool type that are used as one: their
	// address is taken or a method is called on them.
	usedAsPool map[types.Object]bool
	// returnedBy maps a local variable to the package function that
	// returns it.
	returnedBy map[types.Object]*types.Func
	// resultOf maps an object to the package function whose result it was
	// assigned (x := newTransport()), so that a factory's literal sees the
	// settings its callers add.
	resultOf map[types.Object]*types.Func
	// aliases maps a pool object to the pointers that share it (p := &t).
	aliases map[types.Object][]types.Object
	// closes holds the methods called on an object as a statement of their
	// own or deferred (db.Close(), defer t.CloseIdleConnections()).
	closes map[types.Object][]string
	// handoffs holds the calls a pool is handed to as a *http.Transport
	// argument, by the object holding it or, for a literal handed over
	// directly, by the literal: the callee may configure it.
	handoffs map[any][]handoff
	// setters holds the calls of a kind's setter knobs (db.SetConnMaxIdleTime(d)),
	// by the object holding the pool.
	setters map[types.Object][]setterCall
	// initialized holds variables whose declaration gives them a value
	// (x := e, var x = e): for those alone a single write is the value.
	// A parameter reassigned once (if d < 0 { d = 0 }) is not one.
	initialized map[types.Object]bool
	// declaredZero holds variables declared without a value (var x T):
	// unlike a parameter, they start from the zero value.
	declaredZero map[types.Object]bool
	// escapes holds local objects used in a return or go statement or
	// stored in a struct field or package variable: they outlive the call.
	escapes map[types.Object]bool
}

// A fieldWrite is an assignment to one field of a pool after it was built.
type fieldWrite struct {
	field *types.Var
	value ast.Expr // nil when the value cannot be known (t.F += x, &t.F)
	node  ast.Node // the statement or expression that writes
}

func newIndex(pass *analysis.Pass, insp *inspector.Inspector, quiet *quietFiles) *index {
	ix := &index{
		info:         pass.TypesInfo,
		pkg:          pass.Pkg,
		insp:         insp,
		importFact:   pass.ImportObjectFact,
		effects:      map[types.Object]paramEffect{},
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
		if quiet.at(n.Pos()) {
			continue
		}
		switch n := n.(type) {
		case *ast.AssignStmt:
			ix.assign(n)
		case *ast.ValueSpec:
			ix.valueSpec(n)
		case *ast.UnaryExpr:
			if n.Op == token.AND {
				ix.addressOf(n)
			}
		case *ast.IncDecStmt:
			ix.writeOf(n.X, nil, n)
		case *ast.CompositeLit:
			ix.keyedFields(n)
		case *ast.CallExpr:
			ix.methodCall(n)
			ix.handoff(n)
			ix.setterCall(n)
		case *ast.DeferStmt:
			ix.closeCall(n.Call)
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
func (ix *index) returns(cur inspector.Cursor, ret *ast.ReturnStmt) {
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

// returningFunc returns the package function a return statement at cur
// returns from, or nil inside a closure.
func (ix *index) returningFunc(cur inspector.Cursor) *types.Func {
	for fn := range cur.Enclosing((*ast.FuncDecl)(nil), (*ast.FuncLit)(nil)) {
		if decl, ok := fn.Node().(*ast.FuncDecl); ok {
			f, _ := ix.info.Defs[decl.Name].(*types.Func)
			return f
		}
		return nil // a closure
	}
	return nil
}

func (ix *index) assign(n *ast.AssignStmt) {
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
func (ix *index) closeCall(call *ast.CallExpr) {
	if sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr); ok {
		if obj := ix.rootObj(sel.X); obj != nil {
			ix.closes[obj] = append(ix.closes[obj], sel.Sel.Name)
		}
	}
}

// markEscapes records the objects n mentions as escaping their function.
// In a return statement, the receiver of a method called there (return
// conn.Invoke(...)) is used before the function returns, not handed on.
func (ix *index) markEscapes(n ast.Node) {
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

// isLocal reports whether obj is a variable declared inside a function.
func isLocal(obj types.Object) bool {
	v, ok := obj.(*types.Var)
	return ok && !v.IsField() && v.Pkg() != nil && v.Parent() != v.Pkg().Scope() && v.Parent() != nil
}

// closedOnReturn reports whether obj is a local variable that does not
// escape its function and on which that function calls (or defers)
// method: a pool that lives and dies with one call.
func (ix *index) closedOnReturn(obj types.Object, method string) bool {
	if obj == nil || !isLocal(obj) || ix.escapes[obj] {
		return false
	}
	for _, a := range ix.aliases[obj] {
		if ix.escapes[a] {
			return false
		}
	}
	for _, m := range ix.closes[obj] {
		if m == method {
			return true
		}
	}
	return false
}

func (ix *index) valueSpec(n *ast.ValueSpec) {
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
func (ix *index) noteDefinition(obj types.Object, rhs ast.Expr) {
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
func (ix *index) writeOf(lhs ast.Expr, value ast.Expr, node ast.Node) bool {
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

// poolField returns the field selected by sel if it belongs to a pool type,
// and the expression holding the pool.
func (ix *index) poolField(sel *ast.SelectorExpr) (*types.Var, ast.Expr) {
	s, ok := ix.info.Selections[sel]
	if !ok || s.Kind() != types.FieldVal {
		return nil, nil
	}
	f, ok := s.Obj().(*types.Var)
	if !ok || f.Pkg() == nil || fieldOwner(f) == "" {
		return nil, nil
	}
	return f, sel.X
}

func (ix *index) addressOf(n *ast.UnaryExpr) {
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
func (ix *index) keyedFields(lit *ast.CompositeLit) {
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
func (ix *index) methodCall(call *ast.CallExpr) {
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

// A setterCall is a call of a pool method that is one of its kind's knobs.
type setterCall struct {
	method string // SetConnMaxIdleTime
	call   *ast.CallExpr
}

// setterCall records x.M(v) where M is a setter knob of the kind of x
// (sqlx.DB embeds *sql.DB: its promoted setters count), by the object x.
func (ix *index) setterCall(call *ast.CallExpr) {
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

// stripEmbedded turns x.DB, where DB is an embedded field (sqlx.DB embeds
// *sql.DB), into x: the pool is x.
func stripEmbedded(info *types.Info, e ast.Expr) ast.Expr {
	for {
		sel, ok := ast.Unparen(e).(*ast.SelectorExpr)
		if !ok {
			return e
		}
		s, ok := info.Selections[sel]
		if !ok || s.Kind() != types.FieldVal || !s.Obj().(*types.Var).Embedded() {
			return e
		}
		e = sel.X
	}
}

// holders returns every object through which the package reaches pool p:
// the variable or field it is stored in, the variables and fields that
// value is copied into, and for a pool a package function returns, where
// its callers keep it (and the function itself).
func (ix *index) holders(p *pool) []types.Object {
	var objs []types.Object
	seen := map[types.Object]bool{}
	var add func(obj types.Object, depth int)
	add = func(obj types.Object, depth int) {
		if obj == nil || seen[obj] || depth > 4 {
			return
		}
		seen[obj] = true
		objs = append(objs, obj)
		for target, ws := range ix.wholeWrites {
			for _, w := range ws {
				if w != nil && ix.rootObj(stripWrap(ix.info, w)) == obj {
					add(target, depth+1)
				}
			}
		}
		if fn, ok := obj.(*types.Func); ok {
			for o, f := range ix.resultOf {
				if f == fn {
					add(o, depth+1)
				}
			}
		}
		if fn := ix.returnedBy[obj]; fn != nil {
			add(fn, depth+1)
		}
	}
	add(p.obj, 0)
	if p.factory != nil {
		add(p.factory, 0)
	}
	return objs
}

// exportedFactory returns the exported function among holders, if any: the
// pool is handed to other packages.
func exportedFactory(holders []types.Object) *types.Func {
	for _, h := range holders {
		if fn, ok := h.(*types.Func); ok && fn.Exported() {
			return fn
		}
	}
	return nil
}

// A handoff is a call that receives a pool as a pointer argument.
type handoff struct {
	call   *ast.CallExpr
	callee *types.Func // nil for a function value
	param  *types.Var  // the callee's parameter, nil for a function value
	index  int         // the parameter's index
}

// handoff records the pools call receives through a pointer parameter of
// a pool type (*http.Transport, *sql.DB). A parameter of interface type
// (http.RoundTripper) belongs to a wrapper, which does not configure.
func (ix *index) handoff(call *ast.CallExpr) {
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

// harmlessCallee reports whether fn is known to leave the idle settings of
// the transport it receives alone.
func harmlessCallee(fn *types.Func) bool {
	switch qualifiedName(fn) {
	case "golang.org/x/net/http2.ConfigureTransport", "golang.org/x/net/http2.ConfigureTransports",
		"net/http.http2ConfigureTransport", "net/http.http2ConfigureTransports":
		return true
	}
	return false
}

// paramType returns the type of the parameter argument i is passed to.
func paramType(sig *types.Signature, i int) types.Type {
	params := sig.Params()
	n := params.Len()
	switch {
	case n == 0:
		return nil
	case sig.Variadic() && i >= n-1:
		if s, ok := params.At(n - 1).Type().(*types.Slice); ok {
			return s.Elem()
		}
		return nil
	case i < n:
		return params.At(i).Type()
	}
	return nil
}

// rootObj returns the variable or struct field through which e reaches its
// value: t for t, &t, *t, (t), t.(*http.Transport); the field f for s.f.
func (ix *index) rootObj(e ast.Expr) types.Object {
	for {
		switch x := e.(type) {
		case *ast.ParenExpr:
			e = x.X
		case *ast.StarExpr:
			e = x.X
		case *ast.UnaryExpr:
			if x.Op != token.AND {
				return nil
			}
			e = x.X
		case *ast.TypeAssertExpr:
			e = x.X
		case *ast.Ident:
			if x.Name == "_" {
				return nil
			}
			return ix.info.ObjectOf(x)
		case *ast.SelectorExpr:
			if s, ok := ix.info.Selections[x]; ok {
				if s.Kind() == types.FieldVal {
					return s.Obj().(*types.Var).Origin() // one object for every instance of a generic type
				}
				return nil
			}
			return ix.info.ObjectOf(x.Sel) // a qualified identifier
		default:
			return nil
		}
	}
}

// writesTo returns the field writes through obj and through the pointers
// that alias it.
func (ix *index) writesTo(obj types.Object) []fieldWrite {
	ws := ix.fieldWrites[obj]
	for _, a := range ix.aliases[obj] {
		ws = append(ws, ix.fieldWrites[a]...)
	}
	return ws
}

func typeOf(info *types.Info, e ast.Expr) types.Type {
	if t := info.TypeOf(e); t != nil {
		return t
	}
	return types.Typ[types.Invalid]
}

// options returns the option calls an opener call is given, from the
// package of the opener, through inline arguments, a variable holding one
// option, or a slice built from literals and appends; known is false when
// some option could come from code out of sight (a parameter, a helper's
// result, a slice written through a pointer): opaque is then the
// expression that brings it in.
func (ix *index) options(call *ast.CallExpr) (opts []*ast.CallExpr, opaque ast.Expr) {
	fn, ok := typeutil.Callee(ix.info, call).(*types.Func)
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
		obj, ok := ix.info.Uses[id].(*types.Var)
		ws := ix.wholeWrites[obj]
		if !ok || !isLocal(obj) || ix.addrTaken[obj] || (len(ws) == 0 && !ix.declaredZero[obj]) {
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
			if f, ok := typeutil.Callee(ix.info, c).(*types.Func); ok && f.Pkg() == optPkg {
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
			if b, ok := ix.info.Uses[calleeIdent(x)].(*types.Builtin); ok && b.Name() == "append" && len(x.Args) > 0 {
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

// identOf returns e as an identifier, or nil.
func identOf(e ast.Expr) *ast.Ident {
	id, _ := ast.Unparen(e).(*ast.Ident)
	return id
}
