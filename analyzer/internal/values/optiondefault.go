package values

import (
	"go/constant"
	"go/types"
)

// Defaults of options. A pool knob fed from a field of a struct declared
// in the package (a config or options struct, decoded from a file, flags
// or the environment) holds, unless its user sets it, the default the
// package gives that field: the zero value when every write in the package
// is absent or zero, or the one non-zero constant its writes give (the
// literal of a constructor, of the factory an init() registers, a defaults
// method). For every knob here zero means no limit (IdleConnTimeout,
// SetConnMaxIdleTime, WithIdleTimeout) or changes nothing
// (DisableKeepAlives: false; SetMaxIdleConns(0) keeps no idle connection).
// Such a value is judged as that default; a finding about a default that
// means no limit is reported as option-default-unlimited, one about a
// default at or past the limit under the kind's too-long category.
//
// What leaves the default unknown (the value stays dynamic): a write whose
// value cannot be resolved (a parameter, a copy of another field whose
// default is unknown); two different non-zero constants; the field's
// address handed to code that may set it (flag.DurationVar(&c.Idle,
// "idle", 90*time.Second, "")); a struct tag naming a default
// (default:"90s", envDefault, env-default); a SetDefault call (viper and
// the like) whose key names the field; a write in a generated file.
// Decoding into the struct (json, yaml, toml, mapstructure) is what users
// set: it does not make a default. Fields of structs of other packages are
// left to that package (facts can tell what their defaults are).
type OptionDefault struct {
	Field *types.Var
	Owner string         // the struct's name, "Config"; "" for an anonymous struct
	Value constant.Value // the value the knob holds by default
}

// name is how a message names the option: "Config.IdleTimeout".
func (d *OptionDefault) Name() string {
	if d.Owner == "" {
		return d.Field.Name()
	}
	return d.Owner + "." + d.Field.Name()
}

// zeroOf returns the zero value of an integer or boolean type, or nil for
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

// isZero reports whether the default is the zero value.
func (d *OptionDefault) IsZero() bool { return IsZeroConstant(d.Value) }

// allowedBy reports whether the guards r of a use let the default reach it.
func (d *OptionDefault) AllowedBy(r Interval) bool {
	c := constant.ToInt(d.Value)
	if c.Kind() != constant.Int {
		return true // a boolean: guards say nothing
	}
	x, exact := constant.Int64Val(c)
	return !exact || r.contains(x)
}
