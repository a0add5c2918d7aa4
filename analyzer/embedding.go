package analyzer

import (
	"cmp"
	"go/ast"
	"go/types"
	"slices"
	"strings"

	"golang.org/x/tools/go/ast/inspector"

	"github.com/keepalivelint/keepalivelint/analyzer/internal/index"
	"github.com/keepalivelint/keepalivelint/analyzer/internal/kinds"
	"github.com/keepalivelint/keepalivelint/analyzer/internal/values"
)

// embeddingLit returns the pool a literal of a house type that embeds a
// pool by value builds (&Server{name: n}, type Server struct {
// http.Server; name string }): a site of the embedded kind, from its zero
// value, configured through the promoted fields and the type's methods.
// A literal that gives the embedded field a value (Server: http.Server{...})
// builds it there: that literal is the site.
func (ix sites) embeddingLit(cur inspector.Cursor, lit *ast.CompositeLit) *index.Pool {
	t := kinds.Pointee(values.TypeOf(ix.Info, lit))
	k := kinds.EmbeddingOf(t)
	if k == nil {
		return nil
	}
	st := t.Underlying().(*types.Struct)
	for i, elt := range lit.Elts {
		kv, ok := elt.(*ast.KeyValueExpr)
		if !ok {
			if i < st.NumFields() && st.Field(i).Embedded() && kinds.BuiltOfType(st.Field(i).Type()) == k {
				return nil
			}
			continue
		}
		if id, ok := kv.Key.(*ast.Ident); ok {
			if f, ok := ix.Info.Uses[id].(*types.Var); ok && f.Embedded() && kinds.BuiltOfType(f.Type()) == k {
				return nil
			}
		}
	}
	p := &index.Pool{Kind: k, Node: lit, Origin: index.FromZero}
	p.Obj, p.Factory = ix.binding(cur)
	return p
}

// embeddingFactories adds, as the pool another package's factory returns
// (by its fact), each object holding a house type that embeds a pool and
// is configured here through its methods only (s := house.NewServer();
// s.UseIdleTimeout(d)): unbuilt sees the objects whose pool fields are
// written, not those whose methods are called.
func (ix sites) embeddingFactories(ps *poolSet) {
	var objs []types.Object
	for key, hs := range ix.Handoffs {
		obj, ok := key.(types.Object)
		if !ok || ps.byObj[obj] != nil || !receivesAsEmbedding(hs) {
			continue
		}
		objs = append(objs, obj)
	}
	slices.SortFunc(objs, func(a, b types.Object) int {
		return cmp.Or(cmp.Compare(a.Pos(), b.Pos()), strings.Compare(a.Name(), b.Name()))
	})
	for _, obj := range objs {
		k := kinds.EmbeddingOf(kinds.Pointee(obj.Type()))
		if k == nil {
			continue
		}
		if r, call := ix.sum.FactoryFact(obj); r != nil && r.Kind == k.Type {
			ps.add(&index.Pool{Kind: k, Node: call, Obj: obj, Origin: index.FromFactory, Returned: r})
		}
	}
}

// receivesAsEmbedding reports whether some handoff is a method call on a
// house type that embeds a pool (index: Index -1).
func receivesAsEmbedding(hs []index.Handoff) bool {
	for _, h := range hs {
		if h.Index == -1 && h.Callee != nil {
			return true
		}
	}
	return false
}
