package values

import (
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"math"
)

// StripAddr removes parentheses and a leading & from e.
func StripAddr(e ast.Expr) ast.Expr {
	e = ast.Unparen(e)
	if u, ok := e.(*ast.UnaryExpr); ok && u.Op.String() == "&" {
		return ast.Unparen(u.X)
	}
	return e
}

// ConstantInt64 returns a constant number or bool as an int64.
func ConstantInt64(c constant.Value) (int64, bool) {
	if c.Kind() == constant.Bool {
		if constant.BoolVal(c) {
			return 1, true
		}
		return 0, true
	}
	return constant.Int64Val(constant.ToInt(c))
}

// Mirror returns the operator of c op x written as x op' c.
func Mirror(op token.Token) token.Token {
	switch op {
	case token.LSS:
		return token.GTR
	case token.LEQ:
		return token.GEQ
	case token.GTR:
		return token.LSS
	case token.GEQ:
		return token.LEQ
	}
	return op
}

// Negate returns the operator of !(x op c).
func Negate(op token.Token) token.Token {
	switch op {
	case token.EQL:
		return token.NEQ
	case token.NEQ:
		return token.EQL
	case token.LSS:
		return token.GEQ
	case token.LEQ:
		return token.GTR
	case token.GTR:
		return token.LEQ
	case token.GEQ:
		return token.LSS
	}
	return op
}

// IntConst returns the value of e if it is an integer constant (a float
// constant with an integer value included).
func IntConst(info *types.Info, e ast.Expr) (int64, bool) {
	tv, ok := info.Types[e]
	if !ok || tv.Value == nil {
		return 0, false
	}
	c := constant.ToInt(tv.Value)
	if c.Kind() != constant.Int {
		return 0, false
	}
	return constant.Int64Val(c)
}

// ScaledRef returns the variable or field reference e reads and the
// constant factor e multiplies it by, seeing through parentheses and
// conversions: time.Duration(c.IdleSec) * time.Second is c.IdleSec times
// 1e9. It returns nil for any other expression.
func ScaledRef(info *types.Info, e ast.Expr) (ast.Expr, int64) {
	return scaled(info, e, false)
}

// ScaledRead is ScaledRef that also takes a call that is no conversion
// as what e reads (viper.GetDuration("idle") * 2): a value read from
// configuration.
func ScaledRead(info *types.Info, e ast.Expr) (ast.Expr, int64) {
	return scaled(info, e, true)
}

func scaled(info *types.Info, e ast.Expr, calls bool) (ast.Expr, int64) {
	k := int64(1)
	for range 8 {
		switch x := ast.Unparen(e).(type) {
		case *ast.CallExpr:
			if tv, ok := info.Types[x.Fun]; !ok || !tv.IsType() || len(x.Args) != 1 {
				if calls {
					return x, k
				}
				return nil, 0
			}
			e = x.Args[0]
		case *ast.BinaryExpr:
			if x.Op != token.MUL {
				return nil, 0
			}
			f, ok := IntConst(info, x.Y)
			other := x.X
			if !ok {
				if f, ok = IntConst(info, x.X); !ok {
					return nil, 0
				}
				other = x.Y
			}
			if f == 0 || satMul(k, f) == math.MaxInt64 || satMul(k, f) == math.MinInt64 {
				return nil, 0
			}
			k *= f
			e = other
		case *ast.Ident, *ast.SelectorExpr:
			if tv, ok := info.Types[x]; ok && tv.Value != nil {
				return nil, 0
			}
			return x, k
		case *ast.StarExpr:
			return x, k
		default:
			return nil, 0
		}
	}
	return nil, 0
}

// SameRef reports whether a and b read the same variable or field path
// (c.cfg.Idle and c.cfg.Idle), conversions seen through.
func SameRef(info *types.Info, a, b ast.Expr) bool {
	a, b = stripConversions(info, a), stripConversions(info, b)
	switch x := a.(type) {
	case *ast.Ident:
		y, ok := b.(*ast.Ident)
		return ok && info.ObjectOf(x) != nil && info.ObjectOf(x) == info.ObjectOf(y)
	case *ast.SelectorExpr:
		y, ok := b.(*ast.SelectorExpr)
		return ok && info.ObjectOf(x.Sel) != nil && info.ObjectOf(x.Sel) == info.ObjectOf(y.Sel) && SameRef(info, x.X, y.X)
	case *ast.StarExpr:
		y, ok := b.(*ast.StarExpr)
		return ok && SameRef(info, x.X, y.X)
	}
	return false
}

func stripConversions(info *types.Info, e ast.Expr) ast.Expr {
	for {
		e = ast.Unparen(e)
		call, ok := e.(*ast.CallExpr)
		if !ok || len(call.Args) != 1 {
			return e
		}
		if tv, ok := info.Types[call.Fun]; !ok || !tv.IsType() {
			return e
		}
		e = call.Args[0]
	}
}

func IsInteger(t types.Type) bool {
	if t == nil {
		return false // an expression that did not type-check
	}
	b, ok := types.Unalias(t).Underlying().(*types.Basic)
	return ok && b.Info()&types.IsInteger != 0
}

func IsUnsigned(t types.Type) bool {
	if t == nil {
		return false
	}
	b, ok := types.Unalias(t).Underlying().(*types.Basic)
	return ok && b.Info()&types.IsUnsigned != 0
}

func TypeOf(info *types.Info, e ast.Expr) types.Type {
	if t := info.TypeOf(e); t != nil {
		return t
	}
	return types.Typ[types.Invalid]
}
