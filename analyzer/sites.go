package analyzer

import (
	"go/ast"
	"go/token"
	"go/types"
	"strconv"

	"golang.org/x/tools/go/ast/inspector"
	"golang.org/x/tools/go/types/typeutil"
)

// sites finds the pools a package builds, opens or configures.
type sites struct {
	*index
	sum *summarizer
}

// findPools returns the pools the package builds (literals, new, zero
// values used as pools, clones), the pools it opens (sql.Open), and, as
// pools of unknown origin, the objects whose pool fields are written
// although the package never builds them (a factory of another package, a
// parameter).
func findPools(insp *inspector.Inspector, ix sites, quiet *quietFiles) []*pool {
	var pools []*pool
	byObj := map[types.Object]*pool{}
	add := func(p *pool) {
		pools = append(pools, p)
		if p.obj != nil {
			byObj[p.obj] = p
		}
	}
	filter := []ast.Node{
		(*ast.CompositeLit)(nil),
		(*ast.CallExpr)(nil),
		(*ast.ValueSpec)(nil),
		(*ast.StructType)(nil),
	}
	var clones []inspector.Cursor
	for cur := range insp.Root().Preorder(filter...) {
		if quiet.At(cur.Node().Pos()) {
			continue
		}
		switch n := cur.Node().(type) {
		case *ast.CompositeLit:
			// pointee: an elided &T{} in []*T{{...}} has type *T.
			if k := builtKindOfType(pointee(typeOf(ix.info, n))); k != nil {
				p := &pool{kind: k, node: n, lit: n, origin: fromLiteral}
				p.obj, p.factory = ix.binding(cur)
				add(p)
			}
		case *ast.CallExpr:
			if k := ix.newOfPool(n); k != nil {
				p := &pool{kind: k, node: n, origin: fromZero}
				p.obj, p.factory = ix.binding(cur)
				add(p)
			} else if ix.cloned(n) != nil {
				clones = append(clones, cur) // after the pools they clone
			} else if p := ix.opened(cur, n); p != nil {
				add(p)
			}
		case *ast.ValueSpec:
			if n.Type != nil && len(n.Values) == 0 {
				for _, name := range n.Names {
					ix.zeroValuePool(name, add)
				}
			}
		case *ast.StructType:
			for _, f := range n.Fields.List {
				for _, name := range f.Names {
					ix.zeroValuePool(name, add)
				}
			}
		}
	}
	for _, cur := range clones {
		call := cur.Node().(*ast.CallExpr)
		p := &pool{kind: ix.cloned(call), node: call}
		p.origin, p.parent = ix.cloneOrigin(p.kind, call.Fun.(*ast.SelectorExpr).X, byObj)
		p.obj, p.factory = ix.binding(cur)
		add(p)
	}
	// Objects written to but never built here: settings of unknown origin,
	// judged by their writes alone.
	for obj, ws := range ix.fieldWrites {
		if byObj[obj] != nil || ix.isAliasOfPool(obj, byObj) || len(ws) == 0 {
			continue
		}
		var k *poolKind
		for _, kk := range kinds {
			if kk.built && kk.typ == fieldOwner(ws[0].field) {
				k = kk
			}
		}
		if k == nil {
			continue
		}
		p := &pool{kind: k, node: ws[0].node, obj: obj, origin: fromUnknown}
		if r, _ := ix.sum.factoryFact(obj); r != nil && r.Kind == k.typ {
			p.origin, p.returned = fromFactory, r
		}
		add(p)
	}
	return pools
}

// opened returns the pool call opens, or nil: a call of no opener, an
// in-process driver, an opener of this package built on another (sql.Open
// on OpenDB), or sqlx.NewDb over a pool opened in this package.
func (ix sites) opened(cur inspector.Cursor, call *ast.CallExpr) *pool {
	name := calleeName(ix.info, call)
	if name == "" {
		return nil
	}
	fn := typeutil.Callee(ix.info, call).(*types.Func)
	k, driverArg, ok := openerKind(name)
	if !ok {
		// An opener wrapper of another package, known by its fact.
		if k, driverArg = ix.sum.openerFact(fn), -1; k == nil {
			return nil
		}
	}
	if fn.Pkg() == ix.pkg {
		return nil
	}
	if k.inProcess != nil && driverArg >= 0 && driverArg < len(call.Args) {
		if c, _ := ix.follow(call.Args[driverArg]); c != nil {
			if d, err := strconv.Unquote(c.ExactString()); err == nil && k.inProcess(d) {
				return nil
			}
		}
	}
	if wrapped := ix.wrappedPool(call); wrapped != nil && ix.opensPool(wrapped) {
		return nil // wraps a pool opened (and judged) here
	}
	p := &pool{kind: k, node: call, call: call, opener: fn.Pkg().Name() + "." + fn.Name(), origin: fromZero}
	p.obj, p.factory = ix.binding(cur)
	p.lhs, p.stmt, p.after = storedIn(cur)
	return p
}

// wrappedPool returns the object an opener that wraps a pool is given
// (sqlx.NewDb(db, driver): db), or nil.
func (ix sites) wrappedPool(call *ast.CallExpr) types.Object {
	if inner := stripWrap(ix.info, call); inner != ast.Expr(call) {
		if id, ok := ast.Unparen(inner).(*ast.Ident); ok {
			return ix.info.Uses[id]
		}
	}
	return nil
}

// opensPool reports whether obj holds the result of a pool opener.
func (ix sites) opensPool(obj types.Object) bool {
	for _, w := range ix.wholeWrites[obj] {
		if call, ok := ast.Unparen(w).(*ast.CallExpr); ok {
			if _, _, ok := openerKind(calleeName(ix.info, call)); ok {
				return true
			}
		}
	}
	return false
}

// zeroValuePool adds a pool for a variable or struct field of type
// http.Transport (not a pointer) that is declared without a value and used
// as a transport: its zero value keeps idle connections forever.
func (ix sites) zeroValuePool(name *ast.Ident, add func(*pool)) {
	obj := ix.info.Defs[name]
	if obj == nil {
		return
	}
	k := builtKindOfType(obj.Type())
	if k == nil || !ix.usedAsPool[obj] || len(ix.wholeWrites[obj]) > 0 {
		return
	}
	add(&pool{kind: k, node: name, obj: obj, origin: fromZero})
}

// binding returns the object a freshly built pool is stored in, looking
// through & and parentheses: the variable of x := lit, var x = lit or
// x = lit, the field of F: lit or s.F = lit; or, for return lit, the
// function that returns it.
func (ix sites) binding(cur inspector.Cursor) (types.Object, *types.Func) {
	child := cur.Node()
	parent := cur.Parent()
	for {
		switch p := parent.Node().(type) {
		case *ast.ParenExpr:
		case *ast.UnaryExpr:
			if p.Op != token.AND {
				return nil, nil
			}
		default:
			return ix.bindingIn(parent, child)
		}
		child = parent.Node()
		parent = parent.Parent()
	}
}

func (ix sites) bindingIn(parent inspector.Cursor, child ast.Node) (types.Object, *types.Func) {
	switch p := parent.Node().(type) {
	case *ast.AssignStmt:
		if len(p.Rhs) == 1 && len(p.Lhs) > 1 && p.Rhs[0] == child {
			return ix.rootObj(p.Lhs[0]), nil // db, err := sql.Open(...)
		}
		if len(p.Lhs) == len(p.Rhs) {
			for i, rhs := range p.Rhs {
				if rhs == child {
					return ix.rootObj(p.Lhs[i]), nil
				}
			}
		}
	case *ast.ValueSpec:
		if len(p.Values) == 1 && len(p.Names) > 1 && p.Values[0] == child {
			return ix.info.Defs[p.Names[0]], nil
		}
		if len(p.Names) == len(p.Values) {
			for i, v := range p.Values {
				if v == child {
					return ix.info.Defs[p.Names[i]], nil
				}
			}
		}
	case *ast.KeyValueExpr:
		if key, ok := p.Key.(*ast.Ident); ok && p.Value == child {
			if f, ok := ix.info.Uses[key].(*types.Var); ok && f.IsField() {
				return f.Origin(), nil
			}
		}
	case *ast.ReturnStmt:
		return nil, ix.returningFunc(parent)
	}
	return nil, nil
}

// newOfPool returns the kind of T in new(T), or nil.
func (ix sites) newOfPool(call *ast.CallExpr) *poolKind {
	id, ok := ast.Unparen(call.Fun).(*ast.Ident)
	if !ok || len(call.Args) != 1 {
		return nil
	}
	if b, ok := ix.info.Uses[id].(*types.Builtin); !ok || b.Name() != "new" {
		return nil
	}
	return builtKindOfType(typeOf(ix.info, call.Args[0]))
}

// cloned returns the kind of the pool x in x.Clone() (a kind's clone
// method), or nil.
func (ix sites) cloned(call *ast.CallExpr) *poolKind {
	fn, ok := typeutil.Callee(ix.info, call).(*types.Func)
	if !ok {
		return nil
	}
	recv := fn.Signature().Recv()
	if _, isSel := ast.Unparen(call.Fun).(*ast.SelectorExpr); !isSel || recv == nil {
		return nil
	}
	if k := builtKindOfType(pointee(recv.Type())); k != nil && k.clone != "" && fn.Name() == k.clone {
		return k
	}
	return nil
}

// cloneOrigin tells where the settings of x.Clone() come from.
func (ix sites) cloneOrigin(k *poolKind, x ast.Expr, byObj map[types.Object]*pool) (origin, *pool) {
	if ix.isDefaultVar(k, x) {
		return fromDefault, nil
	}
	id, ok := ast.Unparen(x).(*ast.Ident)
	if !ok {
		return fromUnknown, nil
	}
	obj := ix.info.Uses[id]
	if p := byObj[obj]; p != nil && len(ix.wholeWrites[obj]) == 1 {
		return fromPool, p
	}
	// t, ok := http.DefaultTransport.(*http.Transport); t.Clone()
	ws := ix.wholeWrites[obj]
	if len(ws) == 0 {
		return fromUnknown, nil
	}
	for _, w := range ws {
		if w == nil || !ix.isDefaultVar(k, w) {
			return fromUnknown, nil
		}
	}
	return fromDefault, nil
}

// isAliasOfPool reports whether obj points to a pool found elsewhere.
func (ix sites) isAliasOfPool(obj types.Object, byObj map[types.Object]*pool) bool {
	for target, aliases := range ix.aliases {
		if byObj[target] == nil {
			continue
		}
		for _, a := range aliases {
			if a == obj {
				return true
			}
		}
	}
	return false
}

// storedIn returns the variable or field expression an opener's result is
// stored in by a simple statement of a block (db, err := sql.Open(...);
// s.db = sqlx.MustOpen(...)), that statement, and the node a setter call
// goes after: the statement, or the if err != nil { ... } right after it.
// All nil when the placement is not obvious.
func storedIn(cur inspector.Cursor) (lhs ast.Expr, stmt ast.Stmt, after ast.Node) {
	parent := cur.Parent()
	switch p := parent.Node().(type) {
	case *ast.AssignStmt:
		if len(p.Rhs) != 1 || p.Rhs[0] != cur.Node() {
			return nil, nil, nil
		}
		lhs = p.Lhs[0]
	case *ast.ValueSpec:
		if len(p.Values) != 1 || p.Values[0] != cur.Node() {
			return nil, nil, nil
		}
		lhs = p.Names[0]
		parent = parent.Parent().Parent() // GenDecl, then DeclStmt
	default:
		return nil, nil, nil
	}
	switch ast.Unparen(lhs).(type) {
	case *ast.Ident, *ast.SelectorExpr: // a variable or a field
	default:
		return nil, nil, nil
	}
	if id, ok := lhs.(*ast.Ident); ok && id.Name == "_" {
		return nil, nil, nil
	}
	stmt, ok := parent.Node().(ast.Stmt)
	if !ok {
		return nil, nil, nil
	}
	if _, ok := parent.Parent().Node().(*ast.BlockStmt); !ok {
		return nil, nil, nil
	}
	after = stmt
	if next, ok := parent.NextSibling(); ok {
		if ifs, ok := next.Node().(*ast.IfStmt); ok && ifs.Init == nil && isErrCheck(ifs.Cond) {
			after = ifs
		}
	}
	return lhs, stmt, after
}

func isErrCheck(cond ast.Expr) bool {
	b, ok := cond.(*ast.BinaryExpr)
	if !ok || b.Op != token.NEQ {
		return false
	}
	x, ok1 := b.X.(*ast.Ident)
	y, ok2 := b.Y.(*ast.Ident)
	return ok1 && ok2 && x.Name == "err" && y.Name == "nil"
}
