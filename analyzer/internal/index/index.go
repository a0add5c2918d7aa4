// Package index records, in one walk over a package, every write, call,
// handoff, close and escape that can change or end a pool once it is
// built, keyed by the object it goes through, and answers questions about
// them (the holders of a pool, the constant an expression folds to, the
// options an opener is given). Pool, the site found in a package, is
// defined here since every later stage reads it.
package index

import (
	"cmp"
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"slices"

	"golang.org/x/tools/go/ast/inspector"

	"golang.org/x/tools/go/types/typeutil"

	"github.com/keepalivelint/keepalivelint/analyzer/internal/kinds"
	"github.com/keepalivelint/keepalivelint/analyzer/internal/values"
)

// defaultField resolves a read of a bound knob from the kind's default pool
// (defaultTransport.IdleConnTimeout, where defaultTransport =
// http.DefaultTransport.(*http.Transport), as k8s.io/apimachinery's
// SetOldTransportDefaults copies it): the default's value.
func (ix *Index) defaultField(e ast.Expr) constant.Value {
	sel, ok := ast.Unparen(e).(*ast.SelectorExpr)
	if !ok {
		return nil
	}
	field, holder := ix.PoolField(sel)
	if field == nil {
		return nil
	}
	k := kinds.OfType(values.TypeOf(ix.Info, values.StripAddr(holder)))
	if k == nil {
		k = kinds.OfType(kinds.Pointee(values.TypeOf(ix.Info, holder)))
	}
	if k == nil || !k.IsBound(field.Name()) {
		return nil
	}
	x := holder
	for range 4 {
		if ix.IsDefaultVar(k, x) {
			return constant.MakeInt64(int64(k.DefaultVarIdle))
		}
		id, ok := ast.Unparen(x).(*ast.Ident)
		if !ok {
			return nil
		}
		v, ok := ix.Info.Uses[id].(*types.Var)
		if !ok || !ix.SingleWrite(v) {
			return nil
		}
		x = ix.WholeWrites[v][0]
	}
	return nil
}

// SingleWrite reports whether v is a variable of this package, not
// exported, written once, by its declaration, and never through a pointer:
// its value is that one write. A parameter written once is not: it also
// holds what the caller passed.
func (ix *Index) SingleWrite(v *types.Var) bool {
	if v.IsField() || v.Pkg() == nil || v.Exported() && v.Parent() == v.Pkg().Scope() {
		return false
	}
	return len(ix.WholeWrites[v]) == 1 && ix.initialized[v] && !ix.AddrTaken[v] && v.Pos() != token.NoPos
}

// HasSetters reports whether the package calls a setter knob on p.
func (ix *Index) HasSetters(p *Pool) bool {
	for _, h := range ix.Holders(p) {
		if len(ix.Setters[h]) > 0 {
			return true
		}
	}
	return false
}

// An Index records, in one walk over the package, every write that can
// change a pool's settings after it is built, so that a site is judged by its
// effective settings rather than by its literal alone.
//
// Writes are keyed by the object they go through: a variable, or a struct
// field (so that s.tr.IdleConnTimeout = x in one method counts for s.tr
// everywhere in the package). Writes in files the analyzer keeps quiet on
// (tests) are not recorded: they do not change the production program.
type Index struct {
	Info      *types.Info
	Pkg       *types.Package
	Inspector *inspector.Inspector
	// FieldWrites holds writes of pool fields (t.IdleConnTimeout = x),
	// by the object that holds the pool.
	FieldWrites map[types.Object][]fieldWrite
	// WholeWrites holds the values assigned to an object as a whole
	// (x := e, x = e, var x = e, F: e in a struct literal).
	WholeWrites map[types.Object][]ast.Expr
	// AddrTaken holds objects whose address is taken (&x): their value
	// can change behind the analyzer's back.
	AddrTaken map[types.Object]bool
	// AddrUses holds, for each variable or field whose address is taken,
	// where each address goes (addr.go).
	AddrUses map[types.Object][]AddrUse
	// UsedAsPool holds objects of a pool type that are used as one: their
	// address is taken or a method is called on them.
	UsedAsPool map[types.Object]bool
	// ReturnedBy maps a local variable to the package function that
	// returns it.
	ReturnedBy map[types.Object]*types.Func
	// ResultOf maps an object to the package function whose result it was
	// assigned (x := newTransport()), so that a factory's literal sees the
	// settings its callers add.
	ResultOf map[types.Object]*types.Func
	// Aliases maps a pool object to the pointers that share it (p := &t).
	Aliases map[types.Object][]types.Object
	// Calls counts the calls of each function of the package.
	Calls map[*types.Func]int
	// closes holds the methods called on an object as a statement of their
	// own or deferred (db.Close(), defer t.CloseIdleConnections()).
	closes map[types.Object][]string
	// Handoffs holds the calls a pool is handed to as a *http.Transport
	// argument, by the object holding it or, for a literal handed over
	// directly, by the literal: the callee may configure it.
	Handoffs map[any][]Handoff
	// Setters holds the calls of a kind's setter knobs (db.SetConnMaxIdleTime(d)),
	// by the object holding the pool.
	Setters map[types.Object][]setterCall
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
	// Built on first use (options.go): the option lists of sites, the
	// package's function declarations and parameters, the calls of its
	// functions and how often each is referenced.
	optionLists map[*Pool]*OptionList
	// zeroParams are the Config parameters of exported factories no
	// caller in the package calls (zeroconfig.go).
	zeroParams map[*types.Var]*types.Func
	decls      map[*types.Func]*ast.FuncDecl
	params     map[*types.Var]paramRef
	calls      map[*types.Func][]*ast.CallExpr
	refs       map[*types.Func]int
	loops      map[*types.Var]*LoopOptions // option loops, by their option variable (loops.go)
	quiet      Quiet
}

// A fieldWrite is an assignment to one field of a pool after it was built.
type fieldWrite struct {
	Field *types.Var
	Value ast.Expr // nil when the value cannot be known (t.F += x, &t.F)
	Node  ast.Node // the statement or expression that writes
}

// ReturningFunc returns the package function a return statement at cur
// returns from, or nil inside a closure.
func (ix *Index) ReturningFunc(cur inspector.Cursor) *types.Func {
	for fn := range cur.Enclosing((*ast.FuncDecl)(nil), (*ast.FuncLit)(nil)) {
		if decl, ok := fn.Node().(*ast.FuncDecl); ok {
			f, _ := ix.Info.Defs[decl.Name].(*types.Func)
			return f
		}
		return nil // a closure
	}
	return nil
}

// IsLocal reports whether obj is a variable declared inside a function.
func IsLocal(obj types.Object) bool {
	v, ok := obj.(*types.Var)
	return ok && !v.IsField() && v.Pkg() != nil && v.Parent() != v.Pkg().Scope() && v.Parent() != nil
}

// ClosedOnReturn reports whether obj is a local variable that does not
// escape its function and on which that function calls (or defers)
// method: a pool that lives and dies with one call.
func (ix *Index) ClosedOnReturn(obj types.Object, method string) bool {
	if obj == nil || !IsLocal(obj) || ix.escapes[obj] {
		return false
	}
	for _, a := range ix.Aliases[obj] {
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

// PoolField returns the field selected by sel if it belongs to a pool type,
// and the expression holding the pool.
func (ix *Index) PoolField(sel *ast.SelectorExpr) (*types.Var, ast.Expr) {
	s, ok := ix.Info.Selections[sel]
	if !ok || s.Kind() != types.FieldVal {
		return nil, nil
	}
	f, ok := s.Obj().(*types.Var)
	if !ok || f.Pkg() == nil || kinds.FieldOwner(f) == "" {
		return nil, nil
	}
	return f, sel.X
}

// A setterCall is a call of a pool method that is one of its kind's knobs.
type setterCall struct {
	Method string // SetConnMaxIdleTime
	Call   *ast.CallExpr
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

// Holders returns every object through which the package reaches pool p:
// the variable or field it is stored in, the variables and fields that
// value is copied into, and for a pool a package function returns, where
// its callers keep it (and the function itself).
func (ix *Index) Holders(p *Pool) []types.Object {
	var objs []types.Object
	seen := map[types.Object]bool{}
	var add func(obj types.Object, depth int)
	add = func(obj types.Object, depth int) {
		if obj == nil || seen[obj] || depth > 4 {
			return
		}
		seen[obj] = true
		objs = append(objs, obj)
		for target, ws := range ix.WholeWrites {
			for _, w := range ws {
				if w != nil && ix.RootObj(StripWrap(ix.Info, w)) == obj && !(obj == p.Obj && ix.copiedBefore(target, p)) {
					add(target, depth+1) // not a copy of the value obj held before p (previous.go)
				}
			}
		}
		if fn, ok := obj.(*types.Func); ok {
			for o, f := range ix.ResultOf {
				if f == fn {
					add(o, depth+1)
				}
			}
		}
		if fn := ix.ReturnedBy[obj]; fn != nil {
			add(fn, depth+1)
		}
	}
	if p.Of != nil {
		// A view: the factory's own holders, not merged with every
		// caller's (the factory function is not followed to its callers).
		if fn := ix.FactoryOf(p.Of); fn != nil {
			seen[fn] = true
			if p.Obj == p.Of.Obj {
				objs = append(objs, fn) // out of sight: an exported factory says so
			}
		}
		if o := p.Of.Obj; o != nil && o != p.Obj {
			seen[o] = true
			objs = append(objs, o)
		}
	}
	add(p.Obj, 0)
	if p.Factory != nil {
		add(p.Factory, 0)
	}
	return objs
}

// FactoryOf returns the package function that returns pool p, or nil.
func (ix *Index) FactoryOf(p *Pool) *types.Func {
	if p.Factory != nil {
		return p.Factory
	}
	if p.Obj == nil {
		return nil
	}
	return ix.ReturnedBy[p.Obj]
}

// AsReturned returns p as its factory returns it, before any caller in
// the package writes to it: the view of callers out of sight (another
// package's, by its fact). p itself when no caller here keeps it.
func (ix *Index) AsReturned(p *Pool) *Pool {
	if callers, _ := ix.FactoryCallers(p); len(callers) == 0 {
		return p
	}
	v := *p
	v.Of, v.Factory = p, nil
	return &v
}

// FactoryCallers returns the objects the package keeps the result of p's
// factory in (t := newTransport()), and whether the factory may have other
// users: it is exported, or some call of it in the package is not kept so.
func (ix *Index) FactoryCallers(p *Pool) (callers []types.Object, others bool) {
	fn := ix.FactoryOf(p)
	if fn == nil {
		return nil, false
	}
	for obj, f := range ix.ResultOf {
		if f == fn {
			callers = append(callers, obj)
		}
	}
	slices.SortFunc(callers, func(a, b types.Object) int { return cmp.Compare(a.Pos(), b.Pos()) })
	kept := 0 // the calls whose result a caller keeps
	for _, c := range callers {
		for _, w := range ix.WholeWrites[c] {
			if call, ok := ast.Unparen(StripWrap(ix.Info, w)).(*ast.CallExpr); ok && typeutil.Callee(ix.Info, call) == fn {
				kept++
			}
		}
	}
	return callers, fn.Exported() || ix.Calls[fn] > kept
}

// ExportedFactory returns the exported function among holders, if any: the
// pool is handed to other packages.
func ExportedFactory(holders []types.Object) *types.Func {
	for _, h := range holders {
		if fn, ok := h.(*types.Func); ok && fn.Exported() {
			return fn
		}
	}
	return nil
}

// A Handoff is a call that receives a pool as a pointer argument.
type Handoff struct {
	Call   *ast.CallExpr
	Callee *types.Func // nil for a function value
	Param  *types.Var  // the callee's parameter, nil for a function value
	Index  int         // the parameter's index
}

// harmlessCallee reports whether fn is known to leave the idle settings of
// the transport it receives alone.
func harmlessCallee(fn *types.Func) bool {
	switch kinds.QualifiedName(fn) {
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

// RootObj returns the variable or struct field through which e reaches its
// value: t for t, &t, *t, (t), t.(*http.Transport), and for a kind's
// accessor call (app.Server()); the field f for s.f.
func (ix *Index) RootObj(e ast.Expr) types.Object {
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
		case *ast.CallExpr:
			recv := ix.accessorRecv(x)
			if recv == nil {
				return nil
			}
			e = recv
		case *ast.Ident:
			if x.Name == "_" {
				return nil
			}
			return ix.Info.ObjectOf(x)
		case *ast.SelectorExpr:
			if s, ok := ix.Info.Selections[x]; ok {
				if s.Kind() == types.FieldVal {
					return s.Obj().(*types.Var).Origin() // one object for every instance of a generic type
				}
				return nil
			}
			return ix.Info.ObjectOf(x.Sel) // a qualified identifier
		default:
			return nil
		}
	}
}

// accessorRecv returns x in x.M() when M is a kind's accessor (fiber's
// app.Server()), or nil.
func (ix *Index) accessorRecv(call *ast.CallExpr) ast.Expr {
	sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
	if !ok || len(call.Args) != 0 {
		return nil
	}
	if fn, ok := typeutil.Callee(ix.Info, call).(*types.Func); ok && kinds.IsAccessor(fn) {
		return sel.X
	}
	return nil
}

// WritesTo returns the field writes through obj and through the pointers
// that alias it.
func (ix *Index) WritesTo(obj types.Object) []fieldWrite {
	ws := ix.FieldWrites[obj]
	for _, a := range ix.Aliases[obj] {
		ws = append(ws, ix.FieldWrites[a]...)
	}
	return ws
}

// identOf returns e as an identifier, or nil.
func identOf(e ast.Expr) *ast.Ident {
	id, _ := ast.Unparen(e).(*ast.Ident)
	return id
}

// StripWrap sees through a call whose result holds a pool it is given
// (sqlx.NewDb(db, driver), bun.NewDB(db, dialect): db; kinds' Wraps) and
// through a front's accessor of its pool (gorm's db.DB(): db).
func StripWrap(info *types.Info, e ast.Expr) ast.Expr {
	call, ok := ast.Unparen(e).(*ast.CallExpr)
	if !ok {
		return e
	}
	fn, ok := typeutil.Callee(info, call).(*types.Func)
	if !ok {
		return e
	}
	if kinds.IsAccessor(fn) {
		if sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr); ok {
			return sel.X
		}
		return e
	}
	if fn.Signature().Recv() != nil {
		return e
	}
	if i := kinds.WrapArg(kinds.QualifiedName(fn)); i >= 0 && i < len(call.Args) {
		return call.Args[i]
	}
	return e
}

// IsDefaultVar reports whether e is the kind's default pool variable
// asserted to its type (http.DefaultTransport.(*http.Transport)).
func (ix *Index) IsDefaultVar(k *kinds.Kind, e ast.Expr) bool {
	ta, ok := ast.Unparen(e).(*ast.TypeAssertExpr)
	if !ok || k.DefaultVar == "" {
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
	v, ok := ix.Info.Uses[id].(*types.Var)
	return ok && kinds.QualifiedName(v) == k.DefaultVar
}

// A Quiet tells the positions in files the analyzer keeps quiet on (test
// code, generated code): what they build or write is not the program's.
type Quiet interface {
	At(pos token.Pos) bool
}

// Follow returns the constant e resolves to, or nil: a constant folded by
// go/types (90 * time.Second, a named constant), a read of the kind's
// default pool's bound (defaultField), or the constant a variable holds
// when it is written exactly once in this package, by its declaration, and
// its address is never taken. uses are the expressions followed when no
// constant is found (the use, then the single writes of the variables it
// names), for the resolver's refinements.
func (ix *Index) Follow(e ast.Expr) (c constant.Value, uses []ast.Expr) {
	for range 4 {
		if e == nil {
			break
		}
		if tv, ok := ix.Info.Types[e]; ok && tv.Value != nil {
			return tv.Value, nil
		}
		if c := ix.defaultField(e); c != nil {
			return c, nil
		}
		uses = append(uses, e)
		id, ok := ast.Unparen(e).(*ast.Ident)
		if !ok {
			break
		}
		obj, ok := ix.Info.Uses[id].(*types.Var)
		if !ok || !ix.SingleWrite(obj) {
			break
		}
		e = ix.WholeWrites[obj][0]
	}
	return nil, uses
}

// SameFunc reports whether a and b are in the same function declaration
// of this package.
func (ix *Index) SameFunc(a, b ast.Node) bool {
	ix.funcs()
	for _, d := range ix.decls {
		if d.Pos() <= a.Pos() && a.End() <= d.End() {
			return d.Pos() <= b.Pos() && b.End() <= d.End()
		}
	}
	return false
}

// Encloses reports whether fn's declaration (in this package) holds n.
func (ix *Index) Encloses(fn *types.Func, n ast.Node) bool {
	decl := ix.FuncDecl(fn)
	return decl != nil && decl.Pos() <= n.Pos() && n.End() <= decl.End()
}

// varOf returns the variable or field e names (x, pkg.X, s.f), or nil.
func (ix *Index) varOf(e ast.Expr) *types.Var {
	switch x := ast.Unparen(e).(type) {
	case *ast.Ident:
		v, _ := ix.Info.Uses[x].(*types.Var)
		return v
	case *ast.SelectorExpr:
		if s, ok := ix.Info.Selections[x]; ok {
			if s.Kind() != types.FieldVal {
				return nil
			}
			v, _ := s.Obj().(*types.Var)
			return v.Origin()
		}
		v, _ := ix.Info.Uses[x.Sel].(*types.Var)
		return v
	}
	return nil
}

// Callee returns the function call calls: named, or kept in a variable or
// field whose every write is that function (dial := grpc.NewClient).
func (ix *Index) Callee(call *ast.CallExpr) *types.Func {
	if fn, ok := typeutil.Callee(ix.Info, call).(*types.Func); ok {
		return fn
	}
	return ix.FuncValue(call.Fun)
}

// FuncValue returns the function a variable or field of this package
// always holds: every write of it is that one function, its address is
// never taken, and it is no parameter; an exported package variable only
// when its declaration is its only write.
func (ix *Index) FuncValue(e ast.Expr) *types.Func {
	v := ix.varOf(e)
	if v == nil || v.Pkg() != ix.Pkg || ix.AddrTaken[v] {
		return nil
	}
	if _, ok := ix.ParamOf(v); ok {
		return nil
	}
	ws := ix.WholeWrites[v]
	if len(ws) == 0 || (!v.IsField() && !IsLocal(v) && v.Exported() && !(len(ws) == 1 && ix.initialized[v])) {
		return nil
	}
	var fn *types.Func
	for _, w := range ws {
		f := ix.namedFunc(w)
		if f == nil || (fn != nil && f != fn) {
			return nil
		}
		fn = f
	}
	return fn
}

// namedFunc returns the package-level function e names (grpc.NewClient),
// or nil (a method value, a closure, a call).
func (ix *Index) namedFunc(e ast.Expr) *types.Func {
	var id *ast.Ident
	switch x := ast.Unparen(e).(type) {
	case *ast.Ident:
		id = x
	case *ast.SelectorExpr:
		if _, ok := ix.Info.Selections[x]; ok {
			return nil
		}
		id = x.Sel
	default:
		return nil
	}
	fn, ok := ix.Info.Uses[id].(*types.Func)
	if !ok || fn.Signature().Recv() != nil {
		return nil
	}
	return fn
}

// ParamOf returns the function of this package v is a parameter (or
// named result) of, with its index.
func (ix *Index) ParamOf(v *types.Var) (paramRef, bool) {
	ix.funcs()
	pr, ok := ix.params[v]
	return pr, ok
}

// ParamFunc returns the function and index of parameter v, if it is a
// parameter (not a result) of a function of this package.
func (ix *Index) ParamFunc(v *types.Var) (*types.Func, int, bool) {
	pr, ok := ix.ParamOf(v)
	if !ok || pr.result {
		return nil, 0, false
	}
	return pr.fn, pr.index, true
}

// SoleResult returns what a call of a function of this package returns
// when the function has one result and one return statement (func
// appConfig() fiber.Config { return fiber.Config{...} }), or nil: with
// several, which one a call gets is not known.
func (ix *Index) SoleResult(call *ast.CallExpr) ast.Expr {
	fn := typeutil.StaticCallee(ix.Info, call)
	if fn == nil || fn.Pkg() != ix.Pkg || fn.Signature().Results().Len() != 1 {
		return nil
	}
	decl := ix.FuncDecl(fn)
	if decl == nil || decl.Body == nil {
		return nil
	}
	var rets []*ast.ReturnStmt
	ast.Inspect(decl.Body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.ReturnStmt:
			rets = append(rets, n)
		}
		return true
	})
	if len(rets) != 1 || len(rets[0].Results) != 1 {
		return nil
	}
	return rets[0].Results[0]
}

// FuncDecl returns the declaration of fn, a function of this package.
func (ix *Index) FuncDecl(fn *types.Func) *ast.FuncDecl {
	ix.funcs()
	return ix.decls[fn.Origin()]
}

// funcs records, once, the package's function declarations and their
// parameters.
func (ix *Index) funcs() {
	if ix.decls != nil {
		return
	}
	ix.decls = map[*types.Func]*ast.FuncDecl{}
	ix.params = map[*types.Var]paramRef{}
	for cur := range ix.Inspector.Root().Preorder((*ast.FuncDecl)(nil)) {
		decl := cur.Node().(*ast.FuncDecl)
		fn, ok := ix.Info.Defs[decl.Name].(*types.Func)
		if !ok {
			continue
		}
		ix.decls[fn] = decl
		sig := fn.Signature()
		for i := range sig.Params().Len() {
			ix.params[sig.Params().At(i)] = paramRef{fn: fn, index: i}
		}
		for i := range sig.Results().Len() {
			ix.params[sig.Results().At(i)] = paramRef{fn: fn, index: i, result: true}
		}
	}
}

// CallsOf returns the calls of fn, a function of this package, and
// whether every reference to fn is one of them (its callers are all in
// sight: it is never used as a value).
func (ix *Index) CallsOf(fn *types.Func) ([]*ast.CallExpr, bool) {
	if ix.calls == nil {
		ix.calls = map[*types.Func][]*ast.CallExpr{}
		ix.refs = map[*types.Func]int{}
		for cur := range ix.Inspector.Root().Preorder((*ast.CallExpr)(nil)) {
			c := cur.Node().(*ast.CallExpr)
			if f, ok := typeutil.Callee(ix.Info, c).(*types.Func); ok && f.Pkg() == ix.Pkg && !isMethodExpr(ix.Info, c) {
				ix.calls[f.Origin()] = append(ix.calls[f.Origin()], c)
			}
		}
		for _, obj := range ix.Info.Uses {
			if f, ok := obj.(*types.Func); ok && f.Pkg() == ix.Pkg {
				ix.refs[f.Origin()]++
			}
		}
	}
	calls := ix.calls[fn.Origin()]
	return calls, len(calls) == ix.refs[fn.Origin()]
}

// LocalTarget reports whether an opener's target e provably names this
// host, where no middlebox sits: a constant localhost, 127.0.0.1, [::1]
// or unix: target (with or without a port or a passthrough:/// or dns:///
// scheme), or the address of a listener the package opened on a loopback
// address (l, _ := net.Listen("tcp", "127.0.0.1:0"); target
// l.Addr().String()). A target from a flag or a configuration is not.
func (ix *Index) LocalTarget(e ast.Expr) bool {
	return ix.localTarget(e, 0)
}

func (ix *Index) localTarget(e ast.Expr, depth int) bool {
	if e == nil || depth > 4 {
		return false
	}
	if s, ok := ix.constString(e); ok {
		return LocalAddress(s)
	}
	switch x := ast.Unparen(e).(type) {
	case *ast.BinaryExpr:
		// "passthrough:///" + l.Addr().String()
		prefix, ok := ix.constString(x.X)
		if x.Op != token.ADD || !ok {
			return false
		}
		if isUnixScheme(prefix) {
			return true
		}
		return (prefix == "" || schemeOnly.MatchString(prefix)) && ix.localTarget(x.Y, depth+1)
	case *ast.Ident:
		v, ok := ix.Info.Uses[x].(*types.Var)
		if !ok || !ix.SingleWrite(v) {
			return false
		}
		return ix.localTarget(ix.WholeWrites[v][0], depth+1)
	case *ast.CallExpr:
		return ix.listenerAddr(x)
	}
	return false
}

// listenerAddr reports whether call is l.Addr().String() for a listener
// l the package opened, once, on a loopback address or a unix socket.
func (ix *Index) listenerAddr(call *ast.CallExpr) bool {
	str, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
	if !ok || str.Sel.Name != "String" || len(call.Args) != 0 {
		return false
	}
	addr, ok := ast.Unparen(str.X).(*ast.CallExpr)
	if !ok || len(addr.Args) != 0 {
		return false
	}
	sel, ok := ast.Unparen(addr.Fun).(*ast.SelectorExpr)
	if !ok || sel.Sel.Name != "Addr" {
		return false
	}
	id, ok := ast.Unparen(sel.X).(*ast.Ident)
	if !ok {
		return false
	}
	v, ok := ix.Info.Uses[id].(*types.Var)
	if !ok || !ix.SingleWrite(v) {
		return false
	}
	listen, ok := ast.Unparen(ix.WholeWrites[v][0]).(*ast.CallExpr)
	if !ok || len(listen.Args) != 2 {
		return false
	}
	fn, ok := typeutil.Callee(ix.Info, listen).(*types.Func)
	if !ok || kinds.QualifiedName(fn) != "net.Listen" {
		return false
	}
	network, ok1 := ix.constString(listen.Args[0])
	address, ok2 := ix.constString(listen.Args[1])
	if !ok1 || !ok2 {
		return false
	}
	if network == "unix" || network == "unixpacket" {
		return true
	}
	return loopbackHost(address)
}

// constString returns the string constant e folds to.
func (ix *Index) constString(e ast.Expr) (string, bool) {
	c, _ := ix.Follow(e)
	if c == nil || c.Kind() != constant.String {
		return "", false
	}
	return constant.StringVal(c), true
}
