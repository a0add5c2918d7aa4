package values

import (
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
)

// An OptionDefault is the default a package gives an option field that
// feeds a knob (see package resolve, defaults.go).
type OptionDefault struct {
	Field *types.Var     // nil for a default by key (viper) or by flag name
	Owner string         // the struct's name, "Config"; "" for an anonymous struct
	Value constant.Value // the value the knob holds by default
	// Source, for a default that configuration gives (a flag's, a struct
	// tag's, a key's; resolve/configdefaults.go), says where it is:
	// "envconfig default of Config.WebhookIdle", "default of flag -idle".
	// Empty for a default the package's own writes give.
	Source string
	// At is where that default is written (the flag's declaration, the
	// field whose tag holds it); Text is the default as written there
	// when it is a string ("15m"), else "".
	At   token.Pos
	Text string
	// Expr is the default's expression when a fix may replace it: a
	// duration constant the knob takes as it is (flag.Duration("idle",
	// 30*time.Minute, "")'s second argument), else nil.
	Expr ast.Expr
	// BuiltWithout is a constructor's literal that returns the struct
	// without the field (or with 0) while another write gives it a
	// non-zero default: the knob is 0 on that path (resolve/zerobuilds.go).
	BuiltWithout token.Pos
}

// Name is how a message names the option: "Config.IdleTimeout".
func (d *OptionDefault) Name() string {
	if d.Field == nil {
		return d.Source
	}
	if d.Owner == "" {
		return d.Field.Name()
	}
	return d.Owner + "." + d.Field.Name()
}

// ZeroOf returns the zero value of an integer or boolean type, or nil for
// any other type (a pointer's nil is not a value a knob can be given).
func ZeroOf(t types.Type) constant.Value {
	if t == nil {
		return nil
	}
	b, ok := types.Unalias(t).Underlying().(*types.Basic)
	switch {
	case !ok:
		return nil
	case b.Info()&types.IsInteger != 0:
		return constant.MakeInt64(0)
	case b.Info()&types.IsBoolean != 0:
		return constant.MakeBool(false)
	}
	return nil
}

func IsZeroConstant(c constant.Value) bool {
	switch c.Kind() {
	case constant.Bool:
		return !constant.BoolVal(c)
	case constant.Int, constant.Float:
		return constant.Sign(c) == 0
	}
	return false
}

// IsZero reports whether the default is the zero value.
func (d *OptionDefault) IsZero() bool { return IsZeroConstant(d.Value) }

// AllowedBy reports whether the guards r of a use let the default reach it.
func (d *OptionDefault) AllowedBy(r Interval) bool {
	c := constant.ToInt(d.Value)
	if c.Kind() != constant.Int {
		return true // a boolean: guards say nothing
	}
	x, exact := constant.Int64Val(c)
	return !exact || r.contains(x)
}
