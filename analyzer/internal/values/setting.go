package values

import (
	"go/ast"
	"go/types"
)

// OffByZeroDefault reports whether a value of s turns the pool off only by
// an option's zero default (SetMaxIdleConns(c.MaxIdle) with MaxIdle never
// set in the package): importers that embed the options struct may give
// it another default, so it does not make the pool safe; it is dynamic.
func (s Setting) OffByZeroDefault(off func(Value) bool) bool {
	for _, v := range s.Values {
		if v.OptDefault != nil && v.OptDefault.IsZero() && off(v) {
			return true
		}
	}
	return false
}

// A Setting is what a field holds across every path: the values written to
// it, or, if none is, the origin's value. Unset means the field keeps its
// zero value (known is then false only for pools of unknown origin).
type Setting struct {
	Values []Value
	Known  bool // the origin is known, so an empty setting is the zero value
	// OutOfSight is the exported function that hands the pool to other
	// packages, which may set the knob (setters of an open-then-set API).
	OutOfSight *types.Func
	// Opaque is where values from out of sight come in (a spread option
	// slice that is a parameter, a helper's result).
	Opaque ast.Node
	// Partial: on some path from the pool's construction none of values
	// is written, so the knob keeps its unset default there (package flow);
	// partialAt is a write that holds on some paths only.
	Partial   bool
	PartialAt ast.Node
}

func (s Setting) Unset() bool { return len(s.Values) == 0 }

// dynamic returns the first value for which ok is not decided (a value
// that cannot be resolved, or a guarded one whose range straddles ok), if
// any.
func (s Setting) dynamic(ok func(Value) bool) (Value, bool) {
	for _, v := range s.Values {
		if !v.Holds(ok) && !v.Fails(ok) {
			return v, true
		}
	}
	return Value{}, false
}

// Resolved reports whether the setting is set and every value is a constant.
func (s Setting) Resolved() bool {
	if s.Unset() {
		return false
	}
	for _, v := range s.Values {
		if !v.Known() {
			return false
		}
	}
	return true
}

// All reports whether the setting is set on every path and every value
// satisfies ok (a guarded value: on every point of its range).
func (s Setting) All(ok func(Value) bool) bool {
	if s.Unset() || s.Partial {
		return false
	}
	for _, v := range s.Values {
		if !v.Holds(ok) {
			return false
		}
	}
	return true
}

// Each reports whether every value of the setting satisfies ok, on the
// paths where it is set; an unset setting satisfies it.
func (s Setting) Each(ok func(Value) bool) bool {
	for _, v := range s.Values {
		if !v.Holds(ok) {
			return false
		}
	}
	return true
}
