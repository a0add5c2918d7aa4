package analyzer

import (
	"go/ast"
	"go/constant"
	"time"
)

// A value is one value a pool field may hold once the pool is in use: the
// literal's, the origin's, or one written later.
type value struct {
	expr  ast.Expr       // the expression written; nil when inherited or unknowable
	node  ast.Node       // where it is written: a finding about it goes there
	c     constant.Value // the constant it resolves to, nil when unknown
	inLit bool           // written in the pool's own literal
	// missing names a companion setting the value needs to count and does
	// not have (keepalive Time without PermitWithoutStream: true).
	missing string
	// opaque: the value is unknown because the pool was handed to code
	// that cannot be seen, not because a write is unknown.
	opaque bool
	// reported: a bad value is reported where it is written, in a callee.
	reported bool
	// rng bounds a value that is not a constant by the guards that
	// dominate its use (guards.go); nil when nothing is known.
	rng *interval
	// optDefault is the option a value is read from when the package
	// gives that option a known default (defaults.go): c is then that
	// default, the value it has unless a user sets it.
	optDefault *optionDefault
	// via is the call that makes the write when it is made in a function
	// the pool is handed to (configure(t)): paths are followed to it.
	via ast.Node
}

func (v value) known() bool { return v.c != nil }

func (v value) duration() time.Duration {
	if v.c == nil {
		return 0
	}
	i, _ := constant.Int64Val(constant.ToInt(v.c))
	return time.Duration(i)
}

func (v value) isTrue() bool {
	if v.c == nil {
		return false
	}
	if v.c.Kind() == constant.Int { // a bool carried by a fact as 0 or 1
		return constant.Sign(v.c) != 0
	}
	return v.c.Kind() == constant.Bool && constant.BoolVal(v.c)
}

// holds reports whether ok holds for every value v may hold: the constant,
// or every point of its guarded range. A value that is neither holds
// nothing.
func (v value) holds(ok func(value) bool) bool {
	if v.known() {
		return ok(v)
	}
	if v.rng == nil {
		return false
	}
	for _, x := range v.rng.probes {
		if !ok(v.at(x)) {
			return false
		}
	}
	return true
}

// fails reports whether ok fails for every value v may hold.
func (v value) fails(ok func(value) bool) bool {
	if v.known() {
		return !ok(v)
	}
	if v.rng == nil {
		return false
	}
	for _, x := range v.rng.probes {
		if ok(v.at(x)) {
			return false
		}
	}
	return true
}

// at is v with the constant x.
func (v value) at(x int64) value {
	v.c, v.rng = constant.MakeInt64(x), nil
	return v
}
