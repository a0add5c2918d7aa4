package analyzer

import (
	"go/ast"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/inspector"
	"golang.org/x/tools/go/cfg"
	"golang.org/x/tools/go/types/typeutil"
)

// Flow-sensitive settings. A write of a knob in the function that builds
// a pool makes the pool's setting that value only if it holds on every
// path from the construction to where the pool outlives the function:
// an exit of the function once the pool has escaped (returned, stored,
// handed to a call, captured by a closure), the construction again (the
// pool of the previous iteration of a loop, kept), or a loop that never
// ends. On a path that skips every write the knob keeps the value the pool
// was built with (its literal's, or the kind's default): the setting is
// partial. A path that ends in a call that does not return (panic,
// log.Fatal, os.Exit) keeps nothing.
//
// For an option given to an opener (grpc.WithIdleTimeout appended to a
// slice of options), the question is the other way round: every path from
// the function's entry to the opener must pass the statement that adds it.
//
// Writes in other functions (a configurer method on s.tr, callers of a
// factory) count as made on every path, as before.
//
// The control-flow graph is golang.org/x/tools/go/cfg's, built with
// cfg.New only for the functions that build a pool and write one of its
// knobs outside its literal, and only when a setting is asked for: most
// packages build none. Requiring ctrlflow would build a graph for every
// function of every package and export noReturn facts for all of them;
// buildssa would build SSA for every function. Both would move the pass
// off the cost floor for an answer that a few small graphs give.
type flow struct {
	pass  *analysis.Pass
	info  *types.Info
	root  inspector.Cursor
	quiet *quietFiles // test files: what they build or set is not the program's
	// graphs caches the graph of each function body asked about.
	graphs map[*ast.BlockStmt]*graph
	// defaultKeys and genWrites are computed on first use (defaults.go).
	defaultKeys map[string]bool
	genWrites   map[*types.Var]bool
	built       map[*types.TypeName]bool
	genFiles    map[*token.File]bool
}

type graph struct {
	g       *cfg.CFG
	canExit []bool // the block reaches a return
}

func newFlow(pass *analysis.Pass, insp *inspector.Inspector, quiet *quietFiles) *flow {
	return &flow{pass: pass, info: pass.TypesInfo, root: insp.Root(), quiet: quiet, graphs: map[*ast.BlockStmt]*graph{}}
}

// funcOf returns the innermost function (declaration or literal) around
// n, or nil at package level.
func (fl *flow) funcOf(n ast.Node) ast.Node {
	cur, ok := fl.root.FindByPos(n.Pos(), n.End())
	if !ok {
		return nil
	}
	for fn := range cur.Enclosing((*ast.FuncDecl)(nil), (*ast.FuncLit)(nil)) {
		return fn.Node()
	}
	return nil
}

func funcBody(fn ast.Node) *ast.BlockStmt {
	switch fn := fn.(type) {
	case *ast.FuncDecl:
		return fn.Body
	case *ast.FuncLit:
		return fn.Body
	}
	return nil
}

// graphOf returns the control-flow graph of fn's body, built on first use.
func (fl *flow) graphOf(fn ast.Node) *graph {
	body := funcBody(fn)
	if body == nil {
		return nil
	}
	if g, ok := fl.graphs[body]; ok {
		return g
	}
	g := &graph{g: cfg.New(body, func(call *ast.CallExpr) bool { return mayReturn(fl.info, call) })}
	preds := make([][]int32, len(g.g.Blocks))
	var exits []int32
	for _, b := range g.g.Blocks {
		for _, s := range b.Succs {
			preds[s.Index] = append(preds[s.Index], b.Index)
		}
		if b.Live && len(b.Succs) == 0 && isReturn(b) {
			exits = append(exits, b.Index)
		}
	}
	g.canExit = make([]bool, len(g.g.Blocks))
	for len(exits) > 0 {
		i := exits[len(exits)-1]
		exits = exits[:len(exits)-1]
		if g.canExit[i] {
			continue
		}
		g.canExit[i] = true
		exits = append(exits, preds[i]...)
	}
	fl.graphs[body] = g
	return g
}

func isReturn(b *cfg.Block) bool {
	if len(b.Nodes) == 0 {
		return false
	}
	_, ok := b.Nodes[len(b.Nodes)-1].(*ast.ReturnStmt)
	return ok
}

// mayReturn reports whether a call may return: not panic, os.Exit,
// runtime.Goexit, log.Fatal*, log.Panic*, or a method named Fatal, Fatalf
// or Fatalln (loggers, testing.T).
func mayReturn(info *types.Info, call *ast.CallExpr) bool {
	if id, ok := ast.Unparen(call.Fun).(*ast.Ident); ok {
		if b, ok := info.Uses[id].(*types.Builtin); ok && b.Name() == "panic" {
			return false
		}
	}
	fn, ok := typeutil.Callee(info, call).(*types.Func)
	if !ok {
		return true
	}
	switch fn.Name() {
	case "Fatal", "Fatalf", "Fatalln":
		return false
	case "Panic", "Panicf", "Panicln":
		return fn.Pkg() == nil || fn.Pkg().Path() != "log"
	}
	switch qualifiedName(fn) {
	case "os.Exit", "runtime.Goexit":
		return false
	}
	return true
}

// at is a place in a graph: the index of a node in a block.
type at struct {
	b *cfg.Block
	i int
}

// locate returns the node of g that contains n.
func (g *graph) locate(n ast.Node) (at, bool) {
	for _, b := range g.g.Blocks {
		if !b.Live {
			continue
		}
		for i, m := range b.Nodes {
			if m.Pos() <= n.Pos() && n.End() <= m.End() {
				return at{b, i}, true
			}
		}
	}
	return at{}, false
}

// onEveryPath returns st with the origin's value added, or marked partial,
// when a path from p's construction skips every write of knob k that its
// function makes (see flow).
func (s *settingsOf) onEveryPath(p *pool, k knob, st setting) setting {
	if s.fl == nil || k.role == dialFunc || st.unset() || p.origin == fromUnknown || p.origin == fromPool || p.origin == fromFactory {
		return st
	}
	for _, v := range st.values {
		if v.inLit || v.node == nil || v.node == p.node {
			return st // the literal's value: set on every path
		}
	}
	fn := s.fl.funcOf(p.node)
	if fn == nil {
		return st
	}
	var writes []ast.Node
	for _, v := range st.values {
		at := v.node
		if v.via != nil {
			at = v.via // written by a function the pool is handed to
		}
		if s.fl.funcOf(at) != fn {
			return st // a write in another function: set on every path
		}
		writes = append(writes, at)
	}
	if !s.fl.skipped(p, fn, k.access, writes, s.ix.aliases[p.obj]) {
		return st
	}
	st.partialAt = writes[0]
	switch {
	case p.origin == fromLiteral && k.access == viaField:
		if lf := s.literalField(p.lit, k.name); !lf.unset() {
			st.values = append(st.values, lf.values...)
			return st
		}
	case p.origin == fromDefault && p.kind.isBound(k.name):
		st.values = append(st.values, s.field(&pool{kind: p.kind, node: p.node, origin: fromDefault}, k.name).values...)
		return st
	}
	st.partial = true
	return st
}

// skipped reports whether some path of fn skips every node of writes: from
// p's construction to where p outlives fn (fields, setters), or from fn's
// entry to the opener (options). aliases are the pointers that share p.
func (fl *flow) skipped(p *pool, fn ast.Node, acc access, writes []ast.Node, aliases []types.Object) bool {
	g := fl.graphOf(fn)
	if g == nil {
		return false
	}
	target := p.node
	if acc == viaOption {
		if p.call == nil {
			return false
		}
		target = p.call
	}
	start, ok := g.locate(target)
	if !ok {
		return false
	}
	blocked := map[at]bool{}
	for _, w := range writes {
		if target.Pos() <= w.Pos() && w.End() <= target.End() {
			return false // given in the opener's call, written in the literal
		}
		a, ok := g.locate(w)
		if !ok || a == start {
			return false
		}
		blocked[a] = true
	}
	if acc == viaOption {
		return g.reaches(at{g.g.Blocks[0], 0}, start, blocked)
	}
	holders := map[types.Object]bool{}
	escaped := p.obj == nil || !isLocal(p.obj)
	if p.obj != nil {
		holders[p.obj] = true
		for _, a := range aliases {
			holders[a] = true
		}
		fl.localHolders(funcBody(fn), holders)
	}
	w := &walk{g: g, start: start, blocked: blocked, holders: holders, info: fl.info,
		errVar: openerError(fl.info, start.b.Nodes[start.i], p.node), state: map[[3]int32]int8{}}
	return w.from(start.b, start.i+1, escaped, w.errVar != nil)
}

// localHolders adds to holders the local variables of body that are
// given a value holding one of them (c := &client{tr: t}, hc :=
// &http.Client{Transport: t}): storing the pool there is not an escape,
// returning or storing them is.
func (fl *flow) localHolders(body *ast.BlockStmt, holders map[types.Object]bool) {
	for range 4 {
		grew := false
		ast.Inspect(body, func(n ast.Node) bool {
			var lhs []ast.Expr
			var rhs []ast.Expr
			switch n := n.(type) {
			case *ast.FuncLit:
				return false
			case *ast.AssignStmt:
				lhs, rhs = n.Lhs, n.Rhs
			case *ast.ValueSpec:
				for _, id := range n.Names {
					lhs = append(lhs, id)
				}
				rhs = n.Values
			default:
				return true
			}
			if len(lhs) != len(rhs) {
				return true
			}
			for i, l := range lhs {
				id, ok := ast.Unparen(l).(*ast.Ident)
				if !ok {
					continue
				}
				obj := fl.info.ObjectOf(id)
				if obj == nil || holders[obj] || !isLocal(obj) || !fl.carries(rhs[i], holders) {
					continue
				}
				holders[obj] = true
				grew = true
			}
			return true
		})
		if !grew {
			return
		}
	}
}

// carries reports whether e is a holder, its address, or a composite
// literal with one among its elements.
func (fl *flow) carries(e ast.Expr, holders map[types.Object]bool) bool {
	switch x := ast.Unparen(e).(type) {
	case *ast.Ident:
		return holders[fl.info.Uses[x]]
	case *ast.UnaryExpr:
		return x.Op == token.AND && fl.carries(x.X, holders)
	case *ast.CompositeLit:
		for _, elt := range x.Elts {
			if kv, ok := elt.(*ast.KeyValueExpr); ok {
				elt = kv.Value
			}
			if fl.carries(elt, holders) {
				return true
			}
		}
	}
	return false
}

// openerError returns the error variable the statement that opens a pool
// assigns (db, err := sql.Open(...)): where it is not nil, there is no
// pool to keep.
func openerError(info *types.Info, stmt ast.Node, call ast.Node) types.Object {
	as, ok := stmt.(*ast.AssignStmt)
	if !ok || len(as.Rhs) != 1 || len(as.Lhs) < 2 || ast.Unparen(as.Rhs[0]) != call {
		return nil
	}
	id, ok := ast.Unparen(as.Lhs[len(as.Lhs)-1]).(*ast.Ident)
	if !ok {
		return nil
	}
	obj := info.ObjectOf(id)
	if obj == nil || !types.Identical(obj.Type(), types.Universe.Lookup("error").Type()) {
		return nil
	}
	return obj
}

// reaches reports whether a path from a to target passes no blocked node.
func (g *graph) reaches(a, target at, blocked map[at]bool) bool {
	seen := map[*cfg.Block]bool{}
	var from func(b *cfg.Block, i int) bool
	from = func(b *cfg.Block, i int) bool {
		for ; i < len(b.Nodes); i++ {
			switch p := (at{b, i}); {
			case p == target:
				return true
			case blocked[p]:
				return false
			}
		}
		for _, s := range b.Succs {
			if !seen[s] {
				seen[s] = true
				if from(s, 0) {
					return true
				}
			}
		}
		return false
	}
	return from(a.b, a.i)
}

// A walk searches the paths from a pool's construction for one that skips
// every blocked node and reaches a place where the pool outlives its
// function (see flow). Its state is the block and whether the pool has
// escaped on the path so far.
type walk struct {
	g       *graph
	start   at
	blocked map[at]bool
	holders map[types.Object]bool
	info    *types.Info
	// errVar is the opener's error; errLive: it still holds the opener's
	// result on the path, so the branch where it is not nil has no pool.
	errVar types.Object
	state  map[[3]int32]int8 // 1: on the current path, 2: done
}

func (w *walk) from(b *cfg.Block, i int, escaped, errLive bool) bool {
	for ; i < len(b.Nodes); i++ {
		p := at{b, i}
		switch {
		case w.blocked[p]:
			return false
		case p == w.start:
			return escaped // the next pool: the previous one lives on if kept
		case !escaped && w.escapes(b.Nodes[i]):
			escaped = true
		}
		if errLive && w.assigns(b.Nodes[i], w.errVar) {
			errLive = false
		}
	}
	if len(b.Succs) == 0 {
		return escaped && isReturn(b)
	}
	succs := b.Succs
	if len(succs) == 2 && len(b.Nodes) > 0 {
		last := b.Nodes[len(b.Nodes)-1]
		op := token.ILLEGAL
		if errLive {
			op = w.errCheck(last) // err != nil: no pool on the true branch
		}
		if op == token.ILLEGAL {
			op = w.nonNilCheck(at{b, len(b.Nodes) - 1}) // x != nil where x cannot be nil
		}
		switch op {
		case token.NEQ:
			succs = succs[1:]
		case token.EQL:
			succs = succs[:1]
		}
	}
	for _, s := range succs {
		key := [3]int32{s.Index, boolIndex(escaped), boolIndex(errLive)}
		switch w.state[key] {
		case 1:
			if !w.g.canExit[s.Index] {
				return true // a loop that never ends, the pool in use
			}
			continue
		case 2:
			continue
		}
		w.state[key] = 1
		found := w.from(s, 0, escaped, errLive)
		w.state[key] = 2
		if found {
			return true
		}
	}
	return false
}

// errCheck returns the operator of n when n is errVar != nil or
// errVar == nil, or token.ILLEGAL.
func (w *walk) errCheck(n ast.Node) token.Token {
	b, ok := n.(*ast.BinaryExpr)
	if !ok || (b.Op != token.NEQ && b.Op != token.EQL) {
		return token.ILLEGAL
	}
	x, y := ast.Unparen(b.X), ast.Unparen(b.Y)
	if id, ok := x.(*ast.Ident); ok && id.Name == "nil" {
		x, y = y, x
	}
	xi, ok1 := x.(*ast.Ident)
	yi, ok2 := y.(*ast.Ident)
	if !ok1 || !ok2 || w.info.Uses[xi] != w.errVar || yi.Name != "nil" {
		return token.ILLEGAL
	}
	return b.Op
}

// nonNilCheck decides a nil check at a (x == nil, x != nil) on an
// expression that every path to it has made non-nil (if h.KeepAlive == nil
// { h.KeepAlive = &KeepAlive{...} } before if h.KeepAlive != nil { ... }),
// in errCheck's terms: token.NEQ when the true branch cannot run, token.EQL
// when the false branch cannot, token.ILLEGAL when it is not such a check.
func (w *walk) nonNilCheck(a at) token.Token {
	x, op := nilCompare(w.info, a.b.Nodes[a.i])
	if x == nil || !w.g.nonNilAt(w.info, x, a) {
		return token.ILLEGAL
	}
	if op == token.EQL {
		return token.NEQ // x == nil is false: drop the true branch
	}
	return token.EQL // x != nil is true: drop the false branch
}

// nilCompare returns x and the operator of x == nil or x != nil.
func nilCompare(info *types.Info, n ast.Node) (ast.Expr, token.Token) {
	b, ok := n.(*ast.BinaryExpr)
	if !ok || (b.Op != token.NEQ && b.Op != token.EQL) {
		return nil, token.ILLEGAL
	}
	x, y := ast.Unparen(b.X), ast.Unparen(b.Y)
	if isNil(info, x) {
		x, y = y, x
	}
	if !isNil(info, y) {
		return nil, token.ILLEGAL
	}
	return x, b.Op
}

func isNil(info *types.Info, e ast.Expr) bool {
	tv, ok := info.Types[e]
	return ok && tv.IsNil()
}

// nonNilAt reports whether every path from the function's entry to the
// node at target makes x non-nil first: assigns it an address, a new(T)
// or a literal, or passes the branch of a nil check where it is not nil.
func (g *graph) nonNilAt(info *types.Info, x ast.Expr, target at) bool {
	seen := map[*cfg.Block]bool{g.g.Blocks[0]: true}
	var reach func(b *cfg.Block) bool
	reach = func(b *cfg.Block) bool {
		for i, n := range b.Nodes {
			if (at{b, i}) == target {
				return true
			}
			if assignsNonNil(info, n, x) {
				return false
			}
		}
		succs := b.Succs
		if len(succs) == 2 && len(b.Nodes) > 0 {
			if y, op := nilCompare(info, b.Nodes[len(b.Nodes)-1]); y != nil && sameRef(info, x, y) {
				if op == token.EQL {
					succs = succs[:1] // the false branch has x != nil
				} else {
					succs = succs[1:]
				}
			}
		}
		for _, s := range succs {
			if !seen[s] {
				seen[s] = true
				if reach(s) {
					return true
				}
			}
		}
		return false
	}
	return !reach(g.g.Blocks[0])
}

// assignsNonNil reports whether n assigns x a value that is not nil.
func assignsNonNil(info *types.Info, n ast.Node, x ast.Expr) bool {
	as, ok := n.(*ast.AssignStmt)
	if !ok || len(as.Lhs) != len(as.Rhs) {
		return false
	}
	for i, lhs := range as.Lhs {
		if !sameRef(info, lhs, x) {
			continue
		}
		switch r := ast.Unparen(as.Rhs[i]).(type) {
		case *ast.UnaryExpr:
			return r.Op == token.AND
		case *ast.CompositeLit:
			return true
		case *ast.CallExpr:
			if id, ok := ast.Unparen(r.Fun).(*ast.Ident); ok {
				if b, ok := info.Uses[id].(*types.Builtin); ok && (b.Name() == "new" || b.Name() == "make") {
					return true
				}
			}
		}
		return false
	}
	return false
}

// assigns reports whether n assigns v.
func (w *walk) assigns(n ast.Node, v types.Object) bool {
	as, ok := n.(*ast.AssignStmt)
	if !ok {
		return false
	}
	for _, lhs := range as.Lhs {
		if id, ok := ast.Unparen(lhs).(*ast.Ident); ok && w.info.ObjectOf(id) == v {
			return true
		}
	}
	return false
}

// toLocalHolders reports whether n only assigns local holders.
func (w *walk) toLocalHolders(n ast.Node) bool {
	var lhs []ast.Expr
	switch n := n.(type) {
	case *ast.AssignStmt:
		lhs = n.Lhs
	case *ast.ValueSpec:
		for _, id := range n.Names {
			lhs = append(lhs, id)
		}
	default:
		return false
	}
	for _, l := range lhs {
		id, ok := ast.Unparen(l).(*ast.Ident)
		if !ok || !w.holders[w.info.ObjectOf(id)] || !isLocal(w.info.ObjectOf(id)) {
			return false
		}
	}
	return true
}

func boolIndex(b bool) int32 {
	if b {
		return 1
	}
	return 0
}

// escapes reports whether node n lets the pool outlive its function: it
// names a holder of the pool other than to select one of its fields or
// methods, to compare it, to assign it, or to store it in a local holder.
func (w *walk) escapes(n ast.Node) bool {
	if w.toLocalHolders(n) {
		return false
	}
	found := false
	ast.PreorderStack(n, nil, func(m ast.Node, stack []ast.Node) bool {
		if found {
			return false
		}
		id, ok := m.(*ast.Ident)
		if !ok || !w.holders[w.info.Uses[id]] {
			return true
		}
		inClosure := false
		for _, s := range stack {
			if _, ok := s.(*ast.FuncLit); ok {
				inClosure = true
			}
		}
		if inClosure || len(stack) == 0 {
			found = inClosure
			return false
		}
		switch parent := stack[len(stack)-1].(type) {
		case *ast.SelectorExpr:
			if parent.X == m {
				return false // t.F, db.M(...)
			}
		case *ast.BinaryExpr:
			if parent.Op == token.EQL || parent.Op == token.NEQ {
				return false
			}
		case *ast.AssignStmt:
			for _, lhs := range parent.Lhs {
				if lhs == m {
					return false
				}
			}
		case *ast.StarExpr:
			return false // *t: a copy of the value
		}
		found = true
		return false
	})
	return found
}

// safeOnEveryPath reports whether knobs each set on some paths only
// together keep p safe on every path: a safe write of one knob on one
// branch and of another on the other (SetConnMaxIdleTime here,
// SetConnMaxLifetime there), or a bound set on some paths where the kind's
// default is below the limit on the others. A knob with a value that is
// not safe is judged value by value instead.
func (j *judge) safeOnEveryPath(p *pool, settings []setting) bool {
	var writes []ast.Node
	acc := viaField
	for i, k := range p.kind.knobs {
		s := settings[i]
		if !s.partial || k.role == dialFunc {
			continue
		}
		ok := j.pingsOrCloses
		if k.role == disables {
			ok = k.off
		}
		for _, v := range s.values {
			if !v.holds(ok) {
				return false
			}
			if v.via != nil {
				writes = append(writes, v.via)
			} else {
				writes = append(writes, v.node)
			}
		}
		if d := p.kind.defaultIdle; k.role == bound && d > 0 && d < j.cfg.MaxIdle {
			return true
		}
		acc = k.access
	}
	if len(writes) == 0 {
		return false
	}
	fl := j.settings.fl
	fn := fl.funcOf(p.node)
	return fn != nil && !fl.skipped(p, fn, acc, writes, j.ix.aliases[p.obj])
}
