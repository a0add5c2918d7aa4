package analyzer

import (
	"go/ast"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/ast/inspector"
	"golang.org/x/tools/go/types/typeutil"
)

// An origin says where a pool's settings start from, before the writes the
// index recorded.
type origin int

const (
	fromLiteral origin = iota // the literal's fields, the rest zero
	fromZero                  // new(T), var t T: every field zero
	fromDefault               // a clone of http.DefaultTransport
	fromPool                  // a clone of another pool of this package
	fromUnknown               // a parameter, another package's factory
)

// A pool is one HTTP transport the package builds or configures.
type pool struct {
	kind    poolType
	node    ast.Node          // where it is built: reported there
	lit     *ast.CompositeLit // the literal, when built from one
	obj     types.Object      // the variable or field it is stored in
	factory *types.Func       // the package function that returns it
	origin  origin
	parent  *pool // the pool it was cloned from (fromPool)
}

// findPools returns the transports the package builds (literals, new,
// zero values used as transports, clones) and, as pools of unknown origin,
// the objects whose transport fields are written although the package
// never builds them (a factory of another package, a parameter).
func findPools(insp *inspector.Inspector, ix *index, quiet *quietFiles) []*pool {
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
		if quiet.at(cur.Node().Pos()) {
			continue
		}
		switch n := cur.Node().(type) {
		case *ast.CompositeLit:
			// pointee: an elided &T{} in []*T{{...}} has type *T.
			if k := poolTypeOf(pointee(typeOf(ix.info, n))); k == httpTransport || k == http2Transport {
				p := &pool{kind: k, node: n, lit: n, origin: fromLiteral}
				p.obj, p.factory = ix.binding(cur)
				add(p)
			}
		case *ast.CallExpr:
			if k := ix.newOfTransport(n); k != notPool {
				p := &pool{kind: k, node: n, origin: fromZero}
				p.obj, p.factory = ix.binding(cur)
				add(p)
			} else if ix.isClone(n) {
				clones = append(clones, cur) // after the pools they clone
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
		p := &pool{kind: httpTransport, node: call}
		p.origin, p.parent = ix.cloneOrigin(call.Fun.(*ast.SelectorExpr).X, byObj)
		p.obj, p.factory = ix.binding(cur)
		add(p)
	}
	// Objects written to but never built here: settings of unknown origin,
	// judged by their writes alone.
	for obj, ws := range ix.fieldWrites {
		if byObj[obj] != nil || ix.isAliasOfPool(obj, byObj) || len(ws) == 0 {
			continue
		}
		k := fieldOwner(ws[0].field)
		if k != httpTransport && k != http2Transport {
			continue
		}
		add(&pool{kind: k, node: ws[0].node, obj: obj, origin: fromUnknown})
	}
	return pools
}

// zeroValuePool adds a pool for a variable or struct field of type
// http.Transport (not a pointer) that is declared without a value and used
// as a transport: its zero value keeps idle connections forever.
func (ix *index) zeroValuePool(name *ast.Ident, add func(*pool)) {
	obj := ix.info.Defs[name]
	if obj == nil || poolTypeOf(obj.Type()) != httpTransport {
		return
	}
	if !ix.usedAsPool[obj] || len(ix.wholeWrites[obj]) > 0 {
		return
	}
	add(&pool{kind: httpTransport, node: name, obj: obj, origin: fromZero})
}

// binding returns the object a freshly built pool is stored in, looking
// through & and parentheses: the variable of x := lit, var x = lit or
// x = lit, the field of F: lit or s.F = lit; or, for return lit, the
// function that returns it.
func (ix *index) binding(cur inspector.Cursor) (types.Object, *types.Func) {
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

func (ix *index) bindingIn(parent inspector.Cursor, child ast.Node) (types.Object, *types.Func) {
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

// newOfTransport returns the transport type T of new(T), or notPool.
func (ix *index) newOfTransport(call *ast.CallExpr) poolType {
	id, ok := ast.Unparen(call.Fun).(*ast.Ident)
	if !ok || len(call.Args) != 1 {
		return notPool
	}
	if b, ok := ix.info.Uses[id].(*types.Builtin); !ok || b.Name() != "new" {
		return notPool
	}
	if k := poolTypeOf(typeOf(ix.info, call.Args[0])); k == httpTransport || k == http2Transport {
		return k
	}
	return notPool
}

// isClone reports whether call is (*http.Transport).Clone.
func (ix *index) isClone(call *ast.CallExpr) bool {
	fn, ok := typeutil.Callee(ix.info, call).(*types.Func)
	if !ok || fn.Name() != "Clone" {
		return false
	}
	recv := fn.Signature().Recv()
	_, isSel := ast.Unparen(call.Fun).(*ast.SelectorExpr)
	return isSel && recv != nil && poolTypeOf(pointee(recv.Type())) == httpTransport
}

// cloneOrigin tells where the settings of x.Clone() come from.
func (ix *index) cloneOrigin(x ast.Expr, byObj map[types.Object]*pool) (origin, *pool) {
	if ix.isDefaultTransport(x) {
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
		if w == nil || !ix.isDefaultTransport(w) {
			return fromUnknown, nil
		}
	}
	return fromDefault, nil
}

// isDefaultTransport reports whether e is http.DefaultTransport asserted
// to *http.Transport.
func (ix *index) isDefaultTransport(e ast.Expr) bool {
	ta, ok := ast.Unparen(e).(*ast.TypeAssertExpr)
	if !ok {
		return false
	}
	var id *ast.Ident
	switch x := ast.Unparen(ta.X).(type) {
	case *ast.SelectorExpr:
		id = x.Sel
	case *ast.Ident: // dot import
		id = x
	default:
		return false
	}
	v, ok := ix.info.Uses[id].(*types.Var)
	return ok && v.Name() == "DefaultTransport" && v.Pkg() != nil && trimVendor(v.Pkg().Path()) == "net/http"
}

// isAliasOfPool reports whether obj points to a pool found elsewhere.
func (ix *index) isAliasOfPool(obj types.Object, byObj map[types.Object]*pool) bool {
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
