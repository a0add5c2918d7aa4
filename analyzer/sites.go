package analyzer

import (
	"cmp"
	"go/ast"
	"go/token"
	"go/types"
	"slices"
	"strconv"
	"strings"

	"golang.org/x/tools/go/ast/inspector"
	"golang.org/x/tools/go/types/typeutil"

	"github.com/keepalivelint/keepalivelint/analyzer/internal/effects"
	"github.com/keepalivelint/keepalivelint/analyzer/internal/index"
	"github.com/keepalivelint/keepalivelint/analyzer/internal/kinds"
	"github.com/keepalivelint/keepalivelint/analyzer/internal/summaries"
	"github.com/keepalivelint/keepalivelint/analyzer/internal/values"
)

// sites finds the pools a package builds, opens or configures.
type sites struct {
	*index.Index
	sum     *effects.Summarizer
	drivers linked
}

// findPools returns the pools the package builds (literals, new, zero
// values used as pools, clones), the pools it opens (sql.Open), and, as
// pools of unknown origin, the objects whose pool fields are written
// although the package never builds them (a factory of another package, a
// parameter).
func findPools(insp *inspector.Inspector, ix sites, quiet *quietFiles) []*index.Pool {
	ps := &poolSet{byObj: map[types.Object]*index.Pool{}}
	var clones []inspector.Cursor
	for cur := range insp.Root().Preorder(siteNodes...) {
		if quiet.At(cur.Node().Pos()) {
			continue
		}
		if call, ok := cur.Node().(*ast.CallExpr); ok && ix.cloned(call) != nil {
			clones = append(clones, cur) // after the pools they clone
			continue
		}
		ix.built(cur, ps.add)
	}
	for _, cur := range clones {
		call := cur.Node().(*ast.CallExpr)
		p := &index.Pool{Kind: ix.cloned(call), Node: call}
		p.Origin, p.Parent = ix.cloneOrigin(p.Kind, call.Fun.(*ast.SelectorExpr).X, ps.byObj)
		p.Obj, p.Factory = ix.binding(cur)
		ps.add(p)
	}
	ix.unbuilt(ps)
	ix.embeddingFactories(ps)
	return ix.wrapperCalls(ps.pools, quiet)
}

// siteNodes are the nodes a pool can be built or opened at.
var siteNodes = []ast.Node{
	(*ast.CompositeLit)(nil),
	(*ast.CallExpr)(nil),
	(*ast.ValueSpec)(nil),
	(*ast.StructType)(nil),
}

// A poolSet is the pools found so far, with the objects that hold them.
type poolSet struct {
	pools []*index.Pool
	byObj map[types.Object]*index.Pool
}

func (ps *poolSet) add(p *index.Pool) {
	ps.pools = append(ps.pools, p)
	if p.Obj != nil {
		ps.byObj[p.Obj] = p
	}
}

// built adds the pool the node at cur builds or opens, if any: a literal,
// new(T), an opener's call, a zero value used as a pool.
func (ix sites) built(cur inspector.Cursor, add func(*index.Pool)) {
	switch n := cur.Node().(type) {
	case *ast.CompositeLit:
		// pointee: an elided &T{} in []*T{{...}} has type *T.
		if k := kinds.BuiltOfType(kinds.Pointee(values.TypeOf(ix.Info, n))); k != nil {
			p := &index.Pool{Kind: k, Node: n, Lit: n, Origin: index.FromLiteral}
			p.Obj, p.Factory = ix.binding(cur)
			add(p)
		} else if p := ix.embeddingLit(cur, n); p != nil {
			add(p)
		}
	case *ast.CallExpr:
		if k := ix.newOfPool(n); k != nil {
			p := &index.Pool{Kind: k, Node: n, Origin: index.FromZero}
			p.Obj, p.Factory = ix.binding(cur)
			add(p)
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

// unbuilt adds, as pools of unknown origin judged by their writes alone,
// the objects whose pool fields are written although the package never
// builds them (a parameter), or, by its fact, as the pool another
// package's factory returns.
func (ix sites) unbuilt(ps *poolSet) {
	// In the order of the objects' declarations, not the map's: the
	// findings' order, and which of two aliases is the pool, must not
	// change from run to run.
	objs := make([]types.Object, 0, len(ix.FieldWrites))
	for obj := range ix.FieldWrites {
		objs = append(objs, obj)
	}
	slices.SortFunc(objs, func(a, b types.Object) int {
		return cmp.Or(cmp.Compare(a.Pos(), b.Pos()), strings.Compare(a.Name(), b.Name()))
	})
	for _, obj := range objs {
		ws := ix.FieldWrites[obj]
		if ps.byObj[obj] != nil || ix.isAliasOfPool(obj, ps.byObj) || len(ws) == 0 {
			continue
		}
		var k *kinds.Kind
		for _, kk := range kinds.All {
			if kk.Built && kk.Type == kinds.FieldOwner(ws[0].Field) {
				k = kk
			}
		}
		if kk := kinds.OfType(kinds.Pointee(obj.Type())); k != nil && kk != nil && kk.Accessor != "" {
			k = kk // written through its accessor (app.Server().IdleTimeout): the app is the pool
		}
		if k == nil {
			continue
		}
		p := &index.Pool{Kind: k, Node: ws[0].Node, Obj: obj, Origin: index.FromUnknown}
		if r, _ := ix.sum.FactoryFact(obj); r != nil && r.Kind == k.Type {
			p.Origin, p.Returned = index.FromFactory, r
		}
		ps.add(p)
	}
}

// opened returns the pool call opens, or nil: a call of no opener, an
// in-process driver, a target on this host (localhost, a loopback
// listener's address), an opener of this package built on another (sql.Open
// on OpenDB), or sqlx.NewDb over a pool opened in this package.
func (ix sites) opened(cur inspector.Cursor, call *ast.CallExpr) *index.Pool {
	fn, ok := typeutil.Callee(ix.Info, call).(*types.Func)
	if !ok && returnsPool(ix.Info, call) {
		fn = ix.FuncValue(call.Fun) // a variable or field that only ever holds an opener
	}
	if fn == nil {
		return nil
	}
	var own *summaries.OptionSet
	driverName := "" // a wrapper's constant driver name, by its fact
	k, driverArg, ok := kinds.OfOpener(kinds.QualifiedName(fn))
	if ok && fn.Signature().Recv() != nil {
		return nil
	}
	if !ok {
		// An opener wrapper of another package, known by its fact; a
		// method only when it is a dialing wrapper.
		if k, own = ix.sum.OpenerFact(fn); k == nil || own == nil && fn.Signature().Recv() != nil {
			return nil
		}
		driverArg, driverName = openedDriver(ix.sum.OpenedFact(fn))
	}
	if fn.Pkg() == ix.Pkg {
		return nil
	}
	if k.InProcess != nil && driverArg >= 0 && driverArg < len(call.Args) {
		if c, _ := ix.Follow(call.Args[driverArg]); c != nil {
			if d, err := strconv.Unquote(c.ExactString()); err == nil && k.InProcess(d) {
				return nil
			}
		}
	}
	if arg := k.TargetArg(kinds.QualifiedName(fn)); arg >= 0 && arg < len(call.Args) && ix.LocalTarget(call.Args[arg]) {
		return nil // this host: no middlebox in front of it
	}
	if ix.heals(fn, call, driverArg, driverName) {
		return nil // its driver retries on a new connection after a reset (kinds.Drivers)
	}
	front, isFront := k.FrontOpened(kinds.QualifiedName(fn))
	if isFront && ix.frontOpensNone(front, call) {
		return nil
	}
	if wrapped := ix.wrappedPool(call); wrapped != nil && ix.opensPool(wrapped) {
		return nil // wraps a pool opened (and judged) here
	}
	if ix.wrapsOpenerCall(call) {
		return nil // sqlx.NewDb(sql.Open(...), driver): the inner call is the site
	}
	p := &index.Pool{Kind: k, Node: call, Call: call, Opener: fn.Pkg().Name() + "." + fn.Name(), Origin: index.FromZero}
	if arg := k.ConfigArg(kinds.QualifiedName(fn)); arg >= 0 {
		p.Lit, p.Origin = ix.configOrigin(call, arg)
	}
	if own != nil {
		p.Wrapper = &index.Wrapping{Func: fn, Own: own} // a dialing wrapper: its options plus the caller's
	}
	cur = ix.throughWraps(cur)
	p.Obj, p.Factory = ix.binding(cur)
	p.Lhs, p.Stmt, p.After = storedIn(cur)
	if isFront {
		ix.placeAtAccessor(p, front)
	}
	return p
}

// configOrigin tells where the settings of a pool an opener builds from
// its settings argument (fiber.New(fiber.Config{...})) start from: that
// struct's literal, or the literal a variable of this package is declared
// with when it is written nowhere else and only passed by value (cfg :=
// fiber.Config{...}; fiber.New(cfg)), or the literal a function of this
// package returns from its one return statement (fiber.New(appConfig()),
// directly or through such a variable); every field zero without the
// argument; unknown for a value built elsewhere, whose later writes the
// index does not follow.
func (ix sites) configOrigin(call *ast.CallExpr, arg int) (*ast.CompositeLit, index.Origin) {
	switch {
	case arg >= len(call.Args):
		return nil, index.FromZero
	case call.Ellipsis.IsValid():
		return nil, index.FromUnknown
	}
	e := call.Args[arg]
	if id, ok := ast.Unparen(e).(*ast.Ident); ok {
		if v, ok := ix.Info.Uses[id].(*types.Var); ok && ix.SingleWrite(v) && ix.onlyPassed(v) {
			e = ix.WholeWrites[v][0]
		}
	}
	if c, ok := ast.Unparen(e).(*ast.CallExpr); ok {
		if r := ix.SoleResult(c); r != nil {
			e = r // fiber.New(appConfig()): the literal appConfig returns
		}
	}
	if lit, ok := values.StripAddr(e).(*ast.CompositeLit); ok {
		return lit, index.FromLiteral
	}
	return nil, index.FromUnknown
}

// onlyPassed reports whether every use of v is an argument of a call,
// passed by value: no field of v is written, and none through a pointer
// or a method.
func (ix sites) onlyPassed(v *types.Var) bool {
	if _, ok := v.Type().Underlying().(*types.Struct); !ok {
		return false
	}
	for id, obj := range ix.Info.Uses {
		if obj != v {
			continue
		}
		cur, ok := ix.Inspector.Root().FindNode(id)
		if !ok {
			return false
		}
		call, ok := cur.Parent().Node().(*ast.CallExpr)
		if !ok || !slices.Contains(call.Args, ast.Expr(id)) {
			return false
		}
	}
	return true
}

// wrapperCalls replaces each pool opened in a dialing wrapper of this
// package (a function whose opener call takes, besides options in sight,
// the options of one of its own parameters) by a pool at each call of the
// wrapper, judged with the wrapper's options plus the caller's: for an
// unexported wrapper whose every use is a call. An exported wrapper's own
// call stays (its callers in other packages are out of sight: dynamic),
// and its calls here are sites too. Chains of wrappers are followed.
func (ix sites) wrapperCalls(pools []*index.Pool, quiet *quietFiles) []*index.Pool {
	out := pools[:0:0]
	work := pools
	for depth := 0; len(work) > 0; depth++ {
		var next []*index.Pool
		for _, p := range work {
			callers, keep := ix.wrapped(p, quiet, depth)
			if keep {
				out = append(out, p)
			}
			next = append(next, callers...)
		}
		work = next
	}
	return out
}

// wrapped returns the pools at the calls of the dialing wrapper p is
// opened in, if it is one, and whether p stays a site.
func (ix sites) wrapped(p *index.Pool, quiet *quietFiles, depth int) (callers []*index.Pool, keep bool) {
	if p.Call == nil || p.Kind.OptionType == "" || depth > 4 {
		return nil, true
	}
	pu, ok := index.Options(ix.Index, p, ix.sum.OptionFact).OnlyParam()
	if !ok || !ix.Encloses(pu.Func, p.Call) || p.Kind.Closer != "" && ix.ClosedOnReturn(p.Obj, p.Kind.Closer) {
		return nil, true // not a wrapper: the parameter is not the dialing function's
	}
	calls, all := ix.CallsOf(pu.Func)
	if len(calls) == 0 || !all && !pu.Func.Exported() {
		return nil, true
	}
	for _, c := range calls {
		if quiet.At(c.Pos()) || ix.Encloses(pu.Func, c) {
			continue // test code, or the wrapper calling itself
		}
		cur, ok := ix.Inspector.Root().FindNode(c)
		if !ok {
			continue
		}
		q := &index.Pool{Kind: p.Kind, Node: c, Call: c, Opener: pu.Func.Name(), Origin: index.FromZero,
			Wrapper: &index.Wrapping{Func: pu.Func, Param: pu.Index, Inner: p}}
		q.Obj, q.Factory = ix.binding(cur)
		q.Lhs, q.Stmt, q.After = storedIn(cur)
		callers = append(callers, q)
	}
	return callers, pu.Func.Exported()
}

// returnsPool reports whether call, a call of a function value, returns a
// pointer to a pool of some kind first (as an opener does).
func returnsPool(info *types.Info, call *ast.CallExpr) bool {
	sig, ok := types.Unalias(values.TypeOf(info, call.Fun)).Underlying().(*types.Signature)
	if !ok || sig.Results().Len() == 0 {
		return false
	}
	return kinds.OfType(kinds.Pointee(sig.Results().At(0).Type())) != nil
}

// wrappedPool returns the object an opener that wraps a pool is given
// (sqlx.NewDb(db, driver): db), or nil.
func (ix sites) wrappedPool(call *ast.CallExpr) types.Object {
	if inner := index.StripWrap(ix.Info, call); inner != ast.Expr(call) {
		if id, ok := ast.Unparen(inner).(*ast.Ident); ok {
			return ix.Info.Uses[id]
		}
	}
	return nil
}

// opensPool reports whether obj holds the result of a pool opener.
func (ix sites) opensPool(obj types.Object) bool {
	for _, w := range ix.WholeWrites[obj] {
		if call, ok := ast.Unparen(w).(*ast.CallExpr); ok {
			if _, _, ok := kinds.OfOpener(kinds.CalleeName(ix.Info, call)); ok {
				return true
			}
		}
	}
	return false
}

// zeroValuePool adds a pool for a variable or struct field of type
// http.Transport (not a pointer) that is declared without a value and used
// as a transport: its zero value keeps idle connections forever.
func (ix sites) zeroValuePool(name *ast.Ident, add func(*index.Pool)) {
	obj := ix.Info.Defs[name]
	if obj == nil {
		return
	}
	k := kinds.BuiltOfType(obj.Type())
	if k == nil || !ix.UsedAsPool[obj] || len(ix.WholeWrites[obj]) > 0 {
		return
	}
	add(&index.Pool{Kind: k, Node: name, Obj: obj, Origin: index.FromZero})
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
			return ix.RootObj(p.Lhs[0]), nil // db, err := sql.Open(...)
		}
		if len(p.Lhs) == len(p.Rhs) {
			for i, rhs := range p.Rhs {
				if rhs == child {
					return ix.RootObj(p.Lhs[i]), nil
				}
			}
		}
	case *ast.ValueSpec:
		if len(p.Values) == 1 && len(p.Names) > 1 && p.Values[0] == child {
			return ix.Info.Defs[p.Names[0]], nil
		}
		if len(p.Names) == len(p.Values) {
			for i, v := range p.Values {
				if v == child {
					return ix.Info.Defs[p.Names[i]], nil
				}
			}
		}
	case *ast.KeyValueExpr:
		if key, ok := p.Key.(*ast.Ident); ok && p.Value == child {
			if f, ok := ix.Info.Uses[key].(*types.Var); ok && f.IsField() {
				return f.Origin(), nil
			}
		}
	case *ast.ReturnStmt:
		return nil, ix.ReturningFunc(parent)
	}
	return nil, nil
}

// newOfPool returns the kind of T in new(T), or nil.
func (ix sites) newOfPool(call *ast.CallExpr) *kinds.Kind {
	id, ok := ast.Unparen(call.Fun).(*ast.Ident)
	if !ok || len(call.Args) != 1 {
		return nil
	}
	if b, ok := ix.Info.Uses[id].(*types.Builtin); !ok || b.Name() != "new" {
		return nil
	}
	return kinds.BuiltOfType(values.TypeOf(ix.Info, call.Args[0]))
}

// cloned returns the kind of the pool x in x.Clone() (a kind's clone
// method), or nil.
func (ix sites) cloned(call *ast.CallExpr) *kinds.Kind {
	fn, ok := typeutil.Callee(ix.Info, call).(*types.Func)
	if !ok {
		return nil
	}
	recv := fn.Signature().Recv()
	if _, isSel := ast.Unparen(call.Fun).(*ast.SelectorExpr); !isSel || recv == nil {
		return nil
	}
	if k := kinds.BuiltOfType(kinds.Pointee(recv.Type())); k != nil && k.Clone != "" && fn.Name() == k.Clone {
		return k
	}
	return nil
}

// cloneOrigin tells where the settings of x.Clone() come from.
func (ix sites) cloneOrigin(k *kinds.Kind, x ast.Expr, byObj map[types.Object]*index.Pool) (index.Origin, *index.Pool) {
	if ix.IsDefaultVar(k, x) {
		return index.FromDefault, nil
	}
	id, ok := ast.Unparen(x).(*ast.Ident)
	if !ok {
		return index.FromUnknown, nil
	}
	obj := ix.Info.Uses[id]
	if p := byObj[obj]; p != nil && len(ix.WholeWrites[obj]) == 1 {
		return index.FromPool, p
	}
	// t, ok := http.DefaultTransport.(*http.Transport); t.Clone()
	ws := ix.WholeWrites[obj]
	if len(ws) == 0 {
		return index.FromUnknown, nil
	}
	for _, w := range ws {
		if w == nil || !ix.IsDefaultVar(k, w) {
			return index.FromUnknown, nil
		}
	}
	return index.FromDefault, nil
}

// isAliasOfPool reports whether obj points to a pool found elsewhere.
func (ix sites) isAliasOfPool(obj types.Object, byObj map[types.Object]*index.Pool) bool {
	for target, aliases := range ix.Aliases {
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
