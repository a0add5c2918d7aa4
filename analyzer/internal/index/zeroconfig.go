package index

import (
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"

	"github.com/keepalivelint/keepalivelint/analyzer/internal/kinds"
)

// A zero Config. An exported function that takes a struct (or a pointer
// to one) and that no caller in the package but its tests calls gets
// its settings from
// callers out of sight (func New(cfg Config) (*Client, error)); most of
// them leave the fields they do not care about at their zero value. The
// index tells which reads see such a parameter's fields (ZeroRead), what
// an expression is when every such field is zero (ZeroEval), and which
// code does not run then (DeadUnderZero). The resolver decides when to
// use them (resolve/bydefault.go). A parameter counts only when the
// function reads its fields and nothing else: no write to it or its
// fields, no address taken, no method called on it, not handed whole
// to another function (which may fill in defaults); a copy kept in a
// struct field and read by another method is not followed.

// zeroParam reports whether v is a parameter whose fields a zero Config
// leaves zero, and of which function.
func (ix *Index) zeroParam(v *types.Var) (*types.Func, bool) {
	if ix.zeroParams == nil {
		ix.zeroParams = map[*types.Var]*types.Func{}
		ix.funcs()
		for v, pr := range ix.params {
			if fn := pr.fn; !pr.result && ix.configParam(fn, v) {
				ix.zeroParams[v] = fn
			}
		}
	}
	fn, ok := ix.zeroParams[v]
	return fn, ok
}

// configParam reports whether v, a parameter of fn, is a Config whose
// fields fn only reads, fn being an exported function (no method) that
// no caller in the package calls.
func (ix *Index) configParam(fn *types.Func, v *types.Var) bool {
	if !fn.Exported() || fn.Signature().Recv() != nil || ix.AddrTaken[v] || len(ix.WholeWrites[v]) > 0 {
		return false
	}
	if !ix.ownConfig(v.Type()) {
		return false
	}
	calls, all := ix.CallsOf(fn)
	if !all {
		return false
	}
	for _, c := range calls {
		if ix.quiet == nil || !ix.quiet.At(c.Pos()) {
			return false // a caller outside test code
		}
	}
	decl := ix.FuncDecl(fn)
	if decl == nil || decl.Body == nil {
		return false
	}
	onlyReads := true
	fieldRead := map[*ast.Ident]bool{}
	ast.Inspect(decl.Body, func(n ast.Node) bool {
		switch x := n.(type) {
		case *ast.SelectorExpr:
			if id, ok := ast.Unparen(x.X).(*ast.Ident); ok && ix.Info.Uses[id] == v {
				if s, ok := ix.Info.Selections[x]; ok && s.Kind() == types.FieldVal {
					fieldRead[id] = true
				}
			}
		case *ast.AssignStmt:
			for _, lhs := range x.Lhs {
				if ix.rootIs(lhs, v) {
					onlyReads = false
				}
			}
		case *ast.IncDecStmt:
			if ix.rootIs(x.X, v) {
				onlyReads = false
			}
		case *ast.UnaryExpr:
			if x.Op == token.AND && ix.rootIs(x.X, v) {
				onlyReads = false
			}
		case *ast.Ident:
			if ix.Info.Uses[x] == v && !fieldRead[x] {
				onlyReads = false // used whole: copied, handed on, a method's receiver
			}
		}
		return onlyReads
	})
	return onlyReads
}

// rootIs reports whether e is v or a selection, index or dereference
// rooted at v.
func (ix *Index) rootIs(e ast.Expr, v *types.Var) bool {
	for {
		switch x := ast.Unparen(e).(type) {
		case *ast.Ident:
			return ix.Info.Uses[x] == v
		case *ast.SelectorExpr:
			e = x.X
		case *ast.IndexExpr:
			e = x.X
		case *ast.StarExpr:
			e = x.X
		default:
			return false
		}
	}
}

// ownConfig reports whether t is, or points to, a struct type declared
// in this package whose fields name no default for a loader
// (kinds.TagLoaders: default:, envDefault:, env-default:, go-zero's
// json:",default="): another package's
// struct, or one a loader fills, has defaults of its own.
func (ix *Index) ownConfig(t types.Type) bool {
	if p, ok := types.Unalias(t).(*types.Pointer); ok {
		t = p.Elem()
	}
	named, ok := types.Unalias(t).(*types.Named)
	if !ok || named.Obj().Pkg() != ix.Pkg {
		return false
	}
	st, ok := named.Underlying().(*types.Struct)
	if !ok {
		return false
	}
	for i := range st.NumFields() {
		for _, l := range kinds.TagLoaders {
			if _, ok := l.Default(st.Tag(i)); ok {
				return false
			}
		}
	}
	return true
}

// ZeroFuncAt returns the exported function judged with a zero Config
// whose declaration encloses n, or nil.
func (ix *Index) ZeroFuncAt(n ast.Node) *types.Func {
	ix.zeroParam(nil)
	for _, fn := range ix.zeroParams {
		if ix.Encloses(fn, n) {
			return fn
		}
	}
	return nil
}

// HasZeroConfigs reports whether some exported function of the package
// takes a Config that a zero Config may stand for.
func (ix *Index) HasZeroConfigs() bool {
	ix.zeroParam(nil)
	return len(ix.zeroParams) > 0
}

// ZeroRead returns the exported function whose Config parameter e reads
// a field of (cfg.Idle, cfg.TLS.Idle), and that parameter, or nil.
func (ix *Index) ZeroRead(e ast.Expr) (*types.Func, *types.Var) {
	sel, ok := ast.Unparen(e).(*ast.SelectorExpr)
	if !ok {
		return nil, nil
	}
	for {
		s, ok := ix.Info.Selections[sel]
		if !ok || s.Kind() != types.FieldVal {
			return nil, nil
		}
		switch x := ast.Unparen(sel.X).(type) {
		case *ast.SelectorExpr:
			sel = x
			continue
		case *ast.Ident:
			v, ok := ix.Info.Uses[x].(*types.Var)
			if !ok {
				return nil, nil
			}
			if fn, ok := ix.zeroParam(v); ok {
				return fn, v
			}
		}
		return nil, nil
	}
}

// nilValue stands for nil (a zero pointer, slice, map, func) in ZeroEval.
var nilValue = constant.MakeUnknown()

// ZeroEval returns the constant e is when every Config field it reads
// is zero, and the function whose Config that is; nil when e is no such
// constant or reads no Config field.
func (ix *Index) ZeroEval(e ast.Expr) (constant.Value, *types.Func) {
	var fn *types.Func
	c := ix.zeroEval(e, &fn, 0)
	if c == nil || c == nilValue || fn == nil {
		return nil, nil
	}
	return c, fn
}

func (ix *Index) zeroEval(e ast.Expr, fn **types.Func, depth int) constant.Value {
	if depth > 8 {
		return nil
	}
	e = ast.Unparen(e)
	if tv, ok := ix.Info.Types[e]; ok && tv.Value != nil {
		return tv.Value
	}
	if f, _ := ix.ZeroRead(e); f != nil {
		if *fn != nil && *fn != f {
			return nil
		}
		*fn = f
		switch t := types.Unalias(ix.Info.TypeOf(e)).Underlying().(type) {
		case *types.Basic:
			switch {
			case t.Info()&types.IsInteger != 0:
				return constant.MakeInt64(0)
			case t.Info()&types.IsBoolean != 0:
				return constant.MakeBool(false)
			case t.Info()&types.IsString != 0:
				return constant.MakeString("")
			}
		case *types.Pointer, *types.Slice, *types.Map, *types.Signature, *types.Chan, *types.Interface:
			return nilValue
		}
		return nil
	}
	switch x := e.(type) {
	case *ast.Ident:
		if _, ok := ix.Info.Uses[x].(*types.Nil); ok {
			return nilValue
		}
	case *ast.CallExpr:
		if tv, ok := ix.Info.Types[x.Fun]; ok && tv.IsType() && len(x.Args) == 1 {
			return ix.zeroEval(x.Args[0], fn, depth+1) // a conversion
		}
		if b, ok := ix.Info.Uses[calleeIdent(x)].(*types.Builtin); ok && b.Name() == "len" && len(x.Args) == 1 {
			if ix.zeroEval(x.Args[0], fn, depth+1) == nilValue {
				return constant.MakeInt64(0)
			}
		}
	case *ast.UnaryExpr:
		if x.Op == token.NOT {
			if c := ix.zeroEval(x.X, fn, depth+1); c != nil && c.Kind() == constant.Bool {
				return constant.MakeBool(!constant.BoolVal(c))
			}
		}
	case *ast.BinaryExpr:
		return ix.zeroBinary(x, fn, depth)
	}
	return nil
}

func (ix *Index) zeroBinary(x *ast.BinaryExpr, fn **types.Func, depth int) constant.Value {
	l := ix.zeroEval(x.X, fn, depth+1)
	switch x.Op {
	case token.LAND, token.LOR:
		if l == nil || l.Kind() != constant.Bool {
			return nil
		}
		if constant.BoolVal(l) == (x.Op == token.LOR) {
			return l // decided by its left side
		}
		r := ix.zeroEval(x.Y, fn, depth+1)
		if r == nil || r.Kind() != constant.Bool {
			return nil
		}
		return r
	}
	r := ix.zeroEval(x.Y, fn, depth+1)
	if l == nil || r == nil {
		return nil
	}
	switch x.Op {
	case token.EQL, token.NEQ:
		if l == nilValue || r == nilValue {
			if l != r {
				return nil
			}
			return constant.MakeBool(x.Op == token.EQL)
		}
		return constant.MakeBool(constant.Compare(l, x.Op, r))
	case token.LSS, token.LEQ, token.GTR, token.GEQ:
		if l == nilValue || r == nilValue || l.Kind() == constant.Bool || r.Kind() == constant.Bool {
			return nil
		}
		return constant.MakeBool(constant.Compare(l, x.Op, r))
	case token.ADD, token.SUB, token.MUL:
		if l == nilValue || r == nilValue || l.Kind() == constant.Bool || r.Kind() == constant.Bool {
			return nil
		}
		return constant.BinaryOp(l, x.Op, r)
	}
	return nil
}

// DeadUnderZero returns the exported function whose zero Config keeps n
// from running (n is in an if's body whose condition is false then, or
// in its else branch and the condition is true), or nil.
func (ix *Index) DeadUnderZero(n ast.Node) *types.Func {
	if n == nil {
		return nil
	}
	cur, ok := ix.Inspector.Root().FindByPos(n.Pos(), n.End())
	if !ok {
		return nil
	}
	child := cur
	for parent := cur.Parent(); parent.Valid() && parent.Node() != nil; child, parent = parent, parent.Parent() {
		switch p := parent.Node().(type) {
		case *ast.FuncDecl, *ast.FuncLit:
			return nil
		case *ast.IfStmt:
			if child.Node() != p.Body && child.Node() != p.Else {
				continue
			}
			c, fn := ix.ZeroEval(p.Cond)
			if c == nil || c.Kind() != constant.Bool {
				continue
			}
			if constant.BoolVal(c) == (child.Node() == p.Else) {
				return fn
			}
		}
	}
	return nil
}

// ZeroConfigName names the type of fn's Config parameter ("Config").
func (ix *Index) ZeroConfigName(fn *types.Func) string {
	params := fn.Signature().Params()
	for i := range params.Len() {
		v := params.At(i)
		if f, ok := ix.zeroParam(v); !ok || f != fn {
			continue
		}
		t := types.Unalias(v.Type())
		if p, ok := t.(*types.Pointer); ok {
			t = types.Unalias(p.Elem())
		}
		if n, ok := t.(*types.Named); ok {
			return n.Obj().Name()
		}
	}
	return "config"
}
