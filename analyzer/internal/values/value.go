// Package values holds what the resolver knows about a setting: a Value
// (a constant, or the interval guards give it, or an option's default),
// a Setting (the values a knob holds across every path), and the helpers
// that read constants and durations from syntax. It imports no other
// layer.
package values

import (
	"go/ast"
	"go/constant"
	"go/types"
	"time"
)

// A Value is one value a pool field may hold once the pool is in use: the
// literal's, the origin's, or one written later.
type Value struct {
	Expr  ast.Expr       // the expression written; nil when inherited or unknowable
	Node  ast.Node       // where it is written: a finding about it goes there
	C     constant.Value // the constant it resolves to, nil when unknown
	InLit bool           // written in the pool's own literal
	// Missing names a companion setting the value needs to count and does
	// not have (keepalive Time without PermitWithoutStream: true).
	Missing string
	// Opaque: the value is unknown because the pool was handed to code
	// that cannot be seen, not because a write is unknown.
	Opaque bool
	// Reported: a bad value is reported where it is written, in a callee.
	Reported bool
	// Rng bounds a value that is not a constant by the guards that
	// dominate its use (resolve/guards.go); nil when nothing is known.
	Rng *Interval
	// OptDefault is the option a value is read from when the package
	// gives that option a known default (resolve/defaults.go): C is then that
	// default, the value it has unless a user sets it.
	OptDefault *OptionDefault
	// Via is the call that makes the write when it is made in a function
	// the pool is handed to (configure(t)): paths are followed to it.
	Via ast.Node
	// ZeroConfig is the exported factory whose Config parameter, zero,
	// gives the value its constant (resolve/bydefault.go).
	ZeroConfig *types.Func
	ZeroRead   ast.Expr // the field of that Config read (cfg.Idle)
	// From is the knob the value was written to when it stands for
	// another knob's (ReadTimeout, for an http.Server's IdleTimeout of 0).
	From string
}

func (v Value) Known() bool { return v.C != nil }

func (v Value) Duration() time.Duration {
	if v.C == nil {
		return 0
	}
	i, _ := constant.Int64Val(constant.ToInt(v.C))
	return time.Duration(i)
}

func (v Value) IsTrue() bool {
	if v.C == nil {
		return false
	}
	if v.C.Kind() == constant.Int { // a bool carried by a fact as 0 or 1
		return constant.Sign(v.C) != 0
	}
	return v.C.Kind() == constant.Bool && constant.BoolVal(v.C)
}

// Holds reports whether ok holds for every value v may hold: the constant,
// or every point of its guarded range. A value that is neither holds
// nothing.
func (v Value) Holds(ok func(Value) bool) bool {
	if v.Known() {
		return ok(v)
	}
	if v.Rng == nil {
		return false
	}
	for _, x := range v.Rng.probes {
		if !ok(v.at(x)) {
			return false
		}
	}
	return true
}

// Fails reports whether ok fails for every value v may hold.
func (v Value) Fails(ok func(Value) bool) bool {
	if v.Known() {
		return !ok(v)
	}
	if v.Rng == nil {
		return false
	}
	for _, x := range v.Rng.probes {
		if ok(v.at(x)) {
			return false
		}
	}
	return true
}

// at is v with the constant x.
func (v Value) at(x int64) Value {
	v.C, v.Rng = constant.MakeInt64(x), nil
	return v
}
