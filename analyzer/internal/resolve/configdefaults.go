package resolve

import (
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"strconv"
	"strings"
	"time"

	"github.com/keepalivelint/keepalivelint/analyzer/internal/index"
	"github.com/keepalivelint/keepalivelint/analyzer/internal/kinds"
	"github.com/keepalivelint/keepalivelint/analyzer/internal/values"
)

// Defaults that configuration gives. A pool knob read from a flag, a key
// of a configuration store or a field a struct-tag loader fills holds,
// unless its user sets it, the default that flag, key or tag names; the
// value is judged as that default, and the message says where it is
// ("envconfig default of Config.WebhookIdle"). The sources are data
// (kinds/config.go):
//
//   - a flag declared with a default and read through the pointer it
//     returns (idle := flag.Duration("idle", 30*time.Second, ""); *idle) or
//     set through the pointer it is given (flag.DurationVar(&c.Idle,
//     "idle", d, "")), of flag, pflag (P forms too, FlagSet methods alike)
//     and kingpin (.Default("30s").Duration(), .DurationVar(&v));
//   - a flag declared as a literal and read by name (urfave/cli v2 and v3:
//     &cli.DurationFlag{Name: "idle", Value: d} and c.Duration("idle"), or
//     its Destination: &v);
//   - a key read from a store (viper.GetDuration("pool.idle"), on the
//     package's viper or a *viper.Viper) whose default the package sets
//     with SetDefault on the same constant key;
//   - a field of a struct whose tag names a default for a loader the
//     package imports (envconfig, kong, creasty/defaults: default:"15m";
//     caarlos0/env: envDefault; cleanenv: env-default; go-zero:
//     json:",default=15m"), parsed as the loader parses it, when the
//     package writes the field nowhere else.
//
// What stays dynamic: a flag bound through a pointer that is also handed
// elsewhere, or written besides; an exported package variable bound to a
// flag (other packages may write it); two declarations with different
// defaults; a key with no SetDefault in the package (its default may be
// set in another package); a required kingpin flag; a default that is no
// constant; a tag whose loader the package does not import.
//
// All of this is resolved only when a knob's value leads to such a read:
// the scans it needs (SetDefault calls, flag literals) are made once, with
// the package's other lazy scans (defaults.go).

// configDefaultOf returns the default configuration gives the value e
// reads (scaled as e scales it), or nil.
func (s *Defaults) configDefaultOf(e ast.Expr) *values.OptionDefault {
	base, k := values.ScaledRead(s.Index.Info, e)
	if base == nil {
		return nil
	}
	var d *values.OptionDefault
	switch x := ast.Unparen(base).(type) {
	case *ast.StarExpr:
		d = s.flagPointerDefault(x.X)
	case *ast.CallExpr:
		d = s.keyedDefault(x)
		if d == nil {
			d = s.namedFlagDefault(x)
		}
	case *ast.Ident, *ast.SelectorExpr:
		d = s.boundFlagDefault(x)
		if d == nil {
			d = s.tagDefault(x)
		}
	}
	if d == nil || d.Value == nil {
		return nil
	}
	if k != 1 && d.Value.Kind() == constant.Int {
		d.Value = constant.BinaryOp(d.Value, token.MUL, constant.MakeInt64(k))
		d.Text = "" // written in other units than the value's
		d.Expr = nil
	}
	if d.Expr != nil && kinds.TypeName(s.Index.Info.TypeOf(d.Expr)) != "time.Duration" {
		d.Expr = nil // a count, or an untyped constant: not replaced by a duration
	}
	return d
}

// flagPointerDefault returns the default of the flag whose pointer p
// always holds (idle := flag.Duration("idle", 30*time.Second, "")).
func (s *Defaults) flagPointerDefault(p ast.Expr) *values.OptionDefault {
	obj, ok := s.Index.RootObj(p).(*types.Var)
	if ok && obj.Pkg() != s.Index.Pkg && !obj.IsField() {
		return s.importedFlagDefault(obj)
	}
	if !ok || s.Index.AddrTaken[obj] || !s.writtenOnceInSight(obj) {
		return nil
	}
	return s.declaredFlagDefault(obj)
}

// declaredFlagDefault returns the default of the flag whose pointer the
// one write of v, a flag declaration returning it, gives v.
func (s *Defaults) declaredFlagDefault(v *types.Var) *values.OptionDefault {
	call, ok := ast.Unparen(s.Index.WholeWrites[v][0]).(*ast.CallExpr)
	if !ok {
		return nil
	}
	ff, ok := kinds.FlagFuncOf(s.Index.Callee(call))
	if !ok || ff.Target >= 0 {
		return nil
	}
	return s.flagDefault(call, ff, kinds.Pointee(v.Type()))
}

// writtenOnceInSight reports whether v is written once, in this package,
// and no other package can write it: a local or unexported variable, or
// a field.
func (s *Defaults) writtenOnceInSight(v *types.Var) bool {
	if v.Pkg() != s.Index.Pkg || len(s.Index.WholeWrites[v]) != 1 || s.Index.WholeWrites[v][0] == nil {
		return false
	}
	return v.IsField() || !v.Exported() || index.IsLocal(v)
}

// boundFlagDefault returns the default of the flag that sets x through
// its address (flag.DurationVar(&x, ...), cli's Destination: &x), when
// every address taken of x goes to such a flag, they agree, and the
// package writes x nowhere else.
func (s *Defaults) boundFlagDefault(x ast.Expr) *values.OptionDefault {
	obj, ok := s.Index.RootObj(x).(*types.Var)
	if !ok || len(s.Index.WholeWrites[obj]) > 0 {
		return nil
	}
	if !obj.IsField() && !index.IsLocal(obj) && obj.Exported() {
		return nil // other packages may write it
	}
	uses := s.Index.AddrUses[obj]
	if len(uses) == 0 {
		return nil
	}
	t := s.Index.Info.TypeOf(x)
	var def *values.OptionDefault
	for _, u := range uses {
		var d *values.OptionDefault
		switch {
		case u.Call != nil:
			ff, ok := kinds.FlagFuncOf(s.Index.Callee(u.Call))
			if !ok || ff.Target != u.Arg {
				return nil
			}
			d = s.flagDefault(u.Call, ff, t)
		case u.Lit != nil:
			nf, ok := s.namedFlagsLit(u.Lit)
			if !ok || u.Key != nf.TargetField {
				return nil
			}
			d = s.flagLitDefault(u.Lit, nf)
		}
		if def, ok = agree(def, d); !ok {
			return nil
		}
	}
	return def
}

// flagDefault returns the default a flag declaration call gives a value
// of type t.
func (s *Defaults) flagDefault(call *ast.CallExpr, ff kinds.FlagFunc, t types.Type) *values.OptionDefault {
	if ff.Default < 0 {
		return s.chainDefault(call, ff, t)
	}
	if ff.Default >= len(call.Args) || ff.Name >= len(call.Args) {
		return nil
	}
	c, _ := s.Index.Follow(call.Args[ff.Default])
	if c == nil {
		return nil
	}
	name, _ := s.constString(call.Args[ff.Name])
	return &values.OptionDefault{Value: c, Source: flagSource(ff.Loader, name), At: call.Args[ff.Default].Pos(), Expr: call.Args[ff.Default]}
}

// chainDefault reads a kingpin flag's default from its builder chain:
// Flag("idle", "...").Default("30s").Duration(). A flag without Default is
// its zero value; a Required one has no default that counts.
func (s *Defaults) chainDefault(call *ast.CallExpr, ff kinds.FlagFunc, t types.Type) *values.OptionDefault {
	d := &values.OptionDefault{At: call.Pos()}
	name := ""
	x := ast.Expr(call)
	for range 16 {
		c, ok := ast.Unparen(x).(*ast.CallExpr)
		if !ok {
			break
		}
		sel, ok := ast.Unparen(c.Fun).(*ast.SelectorExpr)
		if !ok {
			break
		}
		switch sel.Sel.Name {
		case "Required":
			return nil
		case "Default":
			if len(c.Args) != 1 {
				return nil
			}
			text, ok := s.constString(c.Args[0])
			if !ok {
				return nil
			}
			d.Text, d.At = text, c.Args[0].Pos()
			if d.Value = parseDefault(text, t, 0); d.Value == nil {
				return nil
			}
		case "Flag":
			if len(c.Args) > 0 {
				name, _ = s.constString(c.Args[0])
			}
		}
		x = sel.X
	}
	if d.Value == nil {
		d.Value = values.ZeroOf(t)
	}
	d.Source = flagSource(ff.Loader, name)
	return d
}

// agree returns the default that two declarations of one flag or key
// agree on (the first, where it is written), and false when d is unknown
// or differs from def.
func agree(def, d *values.OptionDefault) (*values.OptionDefault, bool) {
	switch {
	case d == nil || d.Value == nil:
		return nil, false
	case def == nil:
		return d, true
	}
	return def, constant.Compare(def.Value, token.EQL, d.Value)
}

// flagSource says where a flag's default is, naming the flag as its
// package spells it on the command line: "default of flag -idle",
// "default of pflag flag --idle".
func flagSource(loader, name string) string {
	switch {
	case loader == "flag" && name != "":
		return "default of flag -" + name
	case loader == "flag":
		return "default of a flag"
	case name == "":
		return "default of a " + loader + " flag"
	}
	return "default of " + loader + " flag --" + name
}

// keyedDefault returns the default the package sets for the key a store
// read names (viper.SetDefault("pool.idle", "90s") for
// viper.GetDuration("pool.idle")).
func (s *Defaults) keyedDefault(call *ast.CallExpr) *values.OptionDefault {
	src, ok := kinds.KeyedSourceOf(s.Index.Callee(call), false)
	if !ok || len(call.Args) != 1 {
		return nil
	}
	key, ok := s.constString(call.Args[0])
	if !ok {
		return nil
	}
	s.scan()
	t := s.Index.Info.TypeOf(call)
	var def *values.OptionDefault
	for _, sd := range s.setDefaults[strings.ToLower(key)] {
		d := &values.OptionDefault{Source: src.Loader + " default of " + strconv.Quote(key), At: sd.Args[1].Pos()}
		c, _ := s.Index.Follow(sd.Args[1])
		switch {
		case c == nil:
			return nil
		case c.Kind() == constant.String:
			d.Text = constant.StringVal(c)
			d.Value = parseDefault(d.Text, t, src.BareNumber)
		default:
			d.Value, d.Expr = numericAs(c, t), sd.Args[1]
		}
		if def, ok = agree(def, d); !ok {
			return nil
		}
	}
	return def
}

// namedFlagDefault returns the default of the flag a read by name names
// (c.Duration("idle")), from the package's one declaration of it
// (&cli.DurationFlag{Name: "idle", Value: 30 * time.Second}).
func (s *Defaults) namedFlagDefault(call *ast.CallExpr) *values.OptionDefault {
	nf, ok := kinds.NamedFlagReader(s.Index.Callee(call))
	if !ok || len(call.Args) != 1 {
		return nil
	}
	name, ok := s.constString(call.Args[0])
	if !ok {
		return nil
	}
	s.scan()
	var def *values.OptionDefault
	for _, lit := range s.flagLits[name] {
		lnf, ok := s.namedFlagsLit(lit)
		if !ok || lnf.Loader != nf.Loader {
			continue
		}
		d := s.flagLitDefault(lit, nf)
		if def, ok = agree(def, d); !ok {
			return nil
		}
	}
	return def
}

// namedFlagsLit returns the named-flags source whose flag lit declares.
func (s *Defaults) namedFlagsLit(lit *ast.CompositeLit) (kinds.NamedFlags, bool) {
	named, ok := types.Unalias(s.Index.Info.TypeOf(lit)).(*types.Named)
	if !ok || named.Obj().Pkg() == nil {
		return kinds.NamedFlags{}, false
	}
	return kinds.NamedFlagsOf(named.Obj().Pkg().Path())
}

// flagLitDefault returns the default a flag literal declares: its value
// field, or the zero value of that field's type when it has none.
func (s *Defaults) flagLitDefault(lit *ast.CompositeLit, nf kinds.NamedFlags) *values.OptionDefault {
	d := &values.OptionDefault{At: lit.Pos()}
	name := ""
	for _, elt := range lit.Elts {
		kv, ok := elt.(*ast.KeyValueExpr)
		if !ok {
			return nil
		}
		key, ok := kv.Key.(*ast.Ident)
		if !ok {
			return nil
		}
		switch key.Name {
		case nf.NameField:
			name, _ = s.constString(kv.Value)
		case nf.ValueField:
			if d.Value, _ = s.Index.Follow(kv.Value); d.Value == nil {
				return nil
			}
			d.At, d.Expr = kv.Value.Pos(), kv.Value
		}
	}
	if d.Value == nil {
		st, ok := s.Index.Info.TypeOf(lit).Underlying().(*types.Struct)
		if !ok {
			return nil
		}
		for i := range st.NumFields() {
			if st.Field(i).Name() == nf.ValueField {
				d.Value = values.ZeroOf(st.Field(i).Type())
			}
		}
		if d.Value == nil {
			return nil
		}
	}
	d.Source = flagSource(nf.Loader, name)
	return d
}

// tagDefault returns the default the struct tag of the field x selects
// names for a loader the package imports, when the package writes the
// field nowhere else.
func (s *Defaults) tagDefault(x ast.Expr) *values.OptionDefault {
	sel, ok := x.(*ast.SelectorExpr)
	if !ok {
		return nil
	}
	selection, ok := s.Index.Info.Selections[sel]
	if !ok || selection.Kind() != types.FieldVal {
		return nil
	}
	f := selection.Obj().(*types.Var).Origin()
	st := fieldStruct(selection)
	if st == nil || len(s.Index.WholeWrites[f]) > 0 || s.Index.AddrTaken[f] {
		return nil
	}
	l, text, ok := s.loaderDefault(st, f)
	if !ok {
		return nil
	}
	c := parseDefault(text, f.Type(), l.BareNumber)
	if c == nil {
		return nil
	}
	d := &values.OptionDefault{Field: f, Owner: structName(selection), Value: c, At: f.Pos(), Text: text}
	d.Source = l.Loader + " default of " + d.Name()
	return d
}

// loaderDefault returns the loader the package imports whose tag on f
// names a default, and that default as written.
func (s *Defaults) loaderDefault(st *types.Struct, f *types.Var) (kinds.TagLoader, string, bool) {
	for i := range st.NumFields() {
		if st.Field(i).Origin() != f {
			continue
		}
		for _, l := range s.importedLoaders() {
			if text, ok := l.Default(st.Tag(i)); ok {
				return l, text, true
			}
		}
	}
	return kinds.TagLoader{}, "", false
}

// loadedByTags reports whether st is filled by a loader the package
// imports: some field's tag names a default for it. Its fields without
// one then hold their zero value by default.
func (s *Defaults) loadedByTags(st *types.Struct) bool {
	for i := range st.NumFields() {
		for _, l := range s.importedLoaders() {
			if _, ok := l.Default(st.Tag(i)); ok {
				return true
			}
		}
	}
	return false
}

// importedLoaders returns the struct-tag loaders the package imports.
func (s *Defaults) importedLoaders() []kinds.TagLoader {
	if s.loaders == nil {
		s.loaders = []kinds.TagLoader{}
		for _, imp := range s.Index.Pkg.Imports() {
			for _, l := range kinds.TagLoaders {
				if l.Matches(imp.Path()) {
					s.loaders = append(s.loaders, l)
				}
			}
		}
	}
	return s.loaders
}

// parseDefault parses a default written as a string as a loader does for
// a value of type t: a duration by time.ParseDuration (a bare number in
// units of bare, when the loader takes one), an integer, a boolean.
func parseDefault(text string, t types.Type, bare time.Duration) constant.Value {
	text = strings.TrimSpace(text)
	if kinds.TypeName(t) == "time.Duration" {
		if d, err := time.ParseDuration(text); err == nil {
			return constant.MakeInt64(int64(d))
		}
		if n, err := strconv.ParseInt(text, 10, 64); err == nil && bare > 0 {
			return constant.MakeInt64(n * int64(bare))
		}
		return nil
	}
	b, ok := types.Unalias(t).Underlying().(*types.Basic)
	switch {
	case !ok:
	case b.Info()&types.IsInteger != 0:
		if n, err := strconv.ParseInt(text, 0, 64); err == nil {
			return constant.MakeInt64(n)
		}
	case b.Info()&types.IsBoolean != 0:
		if v, err := strconv.ParseBool(text); err == nil {
			return constant.MakeBool(v)
		}
	}
	return nil
}

// numericAs returns constant c as a value of type t: an integer for a
// duration or an integer, a boolean for a boolean.
func numericAs(c constant.Value, t types.Type) constant.Value {
	b, ok := types.Unalias(t).Underlying().(*types.Basic)
	switch {
	case !ok:
	case b.Info()&types.IsInteger != 0:
		if c = constant.ToInt(c); c.Kind() == constant.Int {
			return c
		}
	case b.Info()&types.IsBoolean != 0 && c.Kind() == constant.Bool:
		return c
	}
	return nil
}

// constString returns the string constant e folds to.
func (s *Defaults) constString(e ast.Expr) (string, bool) {
	c, _ := s.Index.Follow(e)
	if c == nil || c.Kind() != constant.String {
		return "", false
	}
	return constant.StringVal(c), true
}
