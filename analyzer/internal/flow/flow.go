// Package flow answers the control-flow questions of the resolver and
// the judge with go/cfg graphs built lazily: does a write hold on every
// path from a pool's construction to where it outlives its function, does
// an option reach an opener on every path.
package flow

import (
	"go/ast"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/ast/inspector"
	"golang.org/x/tools/go/cfg"
	"golang.org/x/tools/go/types/typeutil"

	"github.com/keepalivelint/keepalivelint/analyzer/internal/index"
	"github.com/keepalivelint/keepalivelint/analyzer/internal/kinds"
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
type Flow struct {
	info *types.Info
	root inspector.Cursor
	// graphs caches the graph of each function body asked about.
	graphs map[*ast.BlockStmt]*graph
}

func New(info *types.Info, root inspector.Cursor) *Flow {
	return &Flow{info: info, root: root, graphs: map[*ast.BlockStmt]*graph{}}
}

// FuncOf returns the innermost function (declaration or literal) around
// n, or nil at package level.
func (fl *Flow) FuncOf(n ast.Node) ast.Node {
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
func (fl *Flow) graphOf(fn ast.Node) *graph {
	body := funcBody(fn)
	if body == nil {
		return nil
	}
	if g, ok := fl.graphs[body]; ok {
		return g
	}
	g := &graph{g: cfg.New(body, func(call *ast.CallExpr) bool { return MayReturn(fl.info, call) })}
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

// MayReturn reports whether a call may return: not panic, os.Exit,
// runtime.Goexit, log.Fatal*, log.Panic*, or a method named Fatal, Fatalf
// or Fatalln (loggers, testing.T).
func MayReturn(info *types.Info, call *ast.CallExpr) bool {
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
	switch kinds.QualifiedName(fn) {
	case "os.Exit", "runtime.Goexit":
		return false
	}
	return true
}

// Skipped reports whether some path of fn skips every node of writes: from
// p's construction to where p outlives fn (fields, setters), or from fn's
// entry to the opener (options). aliases are the pointers that share p.
func (fl *Flow) Skipped(p *index.Pool, fn ast.Node, acc kinds.Access, writes []ast.Node, aliases []types.Object) bool {
	g := fl.graphOf(fn)
	if g == nil {
		return false
	}
	target := p.Node
	if acc == kinds.ViaOption {
		if p.Call == nil {
			return false
		}
		target = p.Call
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
	if acc == kinds.ViaOption {
		return g.reaches(at{g.g.Blocks[0], 0}, start, blocked)
	}
	holders := map[types.Object]bool{}
	escaped := p.Obj == nil || !index.IsLocal(p.Obj)
	if p.Obj != nil {
		holders[p.Obj] = true
		for _, a := range aliases {
			holders[a] = true
		}
		fl.localHolders(funcBody(fn), holders)
	}
	w := &walk{g: g, start: start, blocked: blocked, holders: holders, info: fl.info,
		errVar: openerError(fl.info, start.b.Nodes[start.i], p.Node), state: map[[3]int32]int8{}}
	return w.from(start.b, start.i+1, escaped, w.errVar != nil)
}

// localHolders adds to holders the local variables of body that are
// given a value holding one of them (c := &client{tr: t}, hc :=
// &http.Client{Transport: t}): storing the pool there is not an escape,
// returning or storing them is.
func (fl *Flow) localHolders(body *ast.BlockStmt, holders map[types.Object]bool) {
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
				if obj == nil || holders[obj] || !index.IsLocal(obj) || !fl.carries(rhs[i], holders) {
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
func (fl *Flow) carries(e ast.Expr, holders map[types.Object]bool) bool {
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
