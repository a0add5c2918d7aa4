package resolve

import (
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"reflect"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/keepalivelint/keepalivelint/analyzer/internal/index"
	"github.com/keepalivelint/keepalivelint/analyzer/internal/kinds"
	"github.com/keepalivelint/keepalivelint/analyzer/internal/values"
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

// Files tells which files of the package the analyzer keeps quiet on, and
// which of those are generated: code that is not reported on but is part
// of the program (a defaulter's writes count).
type Files interface {
	At(pos token.Pos) bool
	Generated(pos token.Pos) bool
}

// Defaults finds the defaults a package gives the fields of its option
// structs. The scans of the whole package it needs (the types it builds,
// the keys it gives defaults, the fields generated files write) are made
// on first use.
type Defaults struct {
	Index *index.Index
	Root  inspector.Cursor
	Files []*ast.File
	Quiet Files
	// ImportFact reads another package's fact (flagfacts.go); nil when
	// the driver has no facts.
	ImportFact  func(types.Object, analysis.Fact) bool
	defaultKeys map[string]bool
	genWrites   map[*types.Var]bool
	built       map[*types.TypeName]bool
	// For configuration defaults (configdefaults.go): SetDefault calls of
	// a configuration store by lower-cased key, flag literals by name, the
	// struct-tag loaders the package imports.
	setDefaults map[string][]*ast.CallExpr
	flagLits    map[string][]*ast.CompositeLit
	loaders     []kinds.TagLoader
	// returnedLits are the literals functions return directly, by type
	// (zerobuilds.go).
	returnedLits map[*types.TypeName][]*ast.CompositeLit
}

// optionDefaultOf returns the option e reads and the default of e (the
// option's default, converted and scaled as e does) when the package gives
// it a known default, or nil.
func (s *Defaults) optionDefaultOf(e ast.Expr, depth int) *values.OptionDefault {
	base, k := values.ScaledRef(s.Index.Info, e)
	sel, ok := base.(*ast.SelectorExpr)
	if !ok || depth > 4 {
		return nil
	}
	selection, ok := s.Index.Info.Selections[sel]
	if !ok || selection.Kind() != types.FieldVal {
		return nil
	}
	f := selection.Obj().(*types.Var).Origin()
	if f.Pkg() != s.Index.Pkg {
		return nil // another package's option: its defaults are its own
	}
	zero := values.ZeroOf(f.Type())
	if zero == nil {
		return nil
	}
	st := fieldStruct(selection)
	if st == nil || s.hasDefaultTag(st, f) || s.filledByImporters(selection, st, f) {
		return nil
	}
	var owner *types.TypeName
	if named, ok := types.Unalias(kinds.Pointee(fieldOwnerType(selection))).(*types.Named); ok {
		owner = named.Origin().Obj()
	}
	def, from, zeroAt, ok := s.defaultOf(f, owner, depth)
	if !ok || s.setsDefaultKey(f, st) || s.writtenInGenerated(f) {
		return nil
	}
	if zeroAt.IsValid() {
		return &values.OptionDefault{Field: f, Owner: structName(selection), Value: zero, BuiltWithout: zeroAt}
	}
	if def == nil {
		def = zero
	} else if k != 1 {
		def = constant.BinaryOp(def, token.MUL, constant.MakeInt64(k))
	}
	d := &values.OptionDefault{Field: f, Owner: structName(selection), Value: def}
	if from != nil {
		// Copied from a value configuration gives (svc.idle = cfg.Idle,
		// cfg.Idle's default a tag's): that is where the default is.
		d.Source, d.At, d.Text = from.Source, from.At, from.Text
		if k != 1 {
			d.Text = ""
		}
	}
	return d
}

// defaultOf returns the one non-zero constant the writes of field f in the
// package give it (nil when every write is absent or zero), and whether
// that default is known: every write is a constant, or an option with a
// known default. A value that a guarded write of f replaces (if c.Idle <=
// 0 { c.Idle = 90 * time.Second }, a placeholder replaced in Init()) is
// not a default; a constructor of owner that returns it without f (or
// with 0) while another write gives a non-zero default makes the default
// 0 there (zeroAt; zerobuilds.go).
//
// from is the default configuration gives that the one non-zero default
// is copied from, if it is one (a flag's, a tag's: configdefaults.go).
func (s *Defaults) defaultOf(f *types.Var, owner *types.TypeName, depth int) (def constant.Value, from *values.OptionDefault, zeroAt token.Pos, ok bool) {
	if s.Index.AddrTaken[f] {
		return nil, nil, token.NoPos, false
	}
	reps := s.replacements(f)
	for _, w := range s.Index.WholeWrites[f] {
		if w == nil {
			return nil, nil, token.NoPos, false
		}
		c, _ := s.Index.Follow(w)
		var d *values.OptionDefault
		if c == nil {
			if d = s.optionDefaultOf(w, depth+1); d == nil {
				d = s.configDefaultOf(w)
			}
			if d == nil {
				return nil, nil, token.NoPos, false
			}
			c = d.Value
		}
		if d != nil && d.Source == "" {
			d = nil // the package's own default: not configuration's
		}
		switch {
		case reps.replace(w, c):
		case values.IsZeroConstant(c):
			if def == nil && from == nil {
				from = d
			}
		case def == nil:
			def, from = c, d
		case !constant.Compare(def, token.EQL, c):
			return nil, nil, token.NoPos, false // two defaults: which one holds is not known
		}
	}
	if def != nil {
		zeroAt = s.zeroBuild(owner, f, reps)
	}
	return def, from, zeroAt, true
}

// fieldStruct returns the struct that declares the field a selection
// selects (the embedded one, for a promoted field).
func fieldStruct(sel *types.Selection) *types.Struct {
	t := sel.Recv()
	idx := sel.Index()
	for i, x := range idx {
		st, ok := types.Unalias(kinds.Pointee(t)).Underlying().(*types.Struct)
		if !ok || x >= st.NumFields() {
			return nil
		}
		if i == len(idx)-1 {
			return st
		}
		t = st.Field(x).Type()
	}
	return nil
}

// structName returns the name of the struct type that declares the
// selected field, or "".
func structName(sel *types.Selection) string {
	if named, ok := types.Unalias(kinds.Pointee(fieldOwnerType(sel))).(*types.Named); ok {
		return named.Obj().Name()
	}
	return ""
}

// filledByImporters reports whether f looks like an argument that the
// packages importing this one fill in: an exported field of an exported
// struct, without a tag a decoder reads, and that struct is never built in
// this package. Its defaults are then its importers' business (a struct
// decoded from a file has tags; one the package builds has its defaults
// here).
func (s *Defaults) filledByImporters(sel *types.Selection, st *types.Struct, f *types.Var) bool {
	if !f.Exported() {
		return false
	}
	named, ok := types.Unalias(kinds.Pointee(fieldOwnerType(sel))).(*types.Named)
	if !ok || !named.Obj().Exported() {
		return false
	}
	for i := range st.NumFields() {
		if st.Field(i).Origin() == f && decoderTag(st.Tag(i)) {
			return false
		}
	}
	return !s.builds(named.Obj()) && !s.loadedByTags(st)
}

// decoderTags are the struct tag keys of decoders of configuration files,
// flags and the environment.
var decoderTags = []string{"json", "yaml", "toml", "mapstructure", "koanf", "hcl", "env", "envconfig", "flag", "long", "ini", "xml"}

func decoderTag(tag string) bool {
	for _, k := range decoderTags {
		if _, ok := reflect.StructTag(tag).Lookup(k); ok {
			return true
		}
	}
	return false
}

// fieldOwnerType returns the type whose struct declares the selected field.
func fieldOwnerType(sel *types.Selection) types.Type {
	t := sel.Recv()
	idx := sel.Index()
	for _, x := range idx[:len(idx)-1] {
		st, ok := types.Unalias(kinds.Pointee(t)).Underlying().(*types.Struct)
		if !ok {
			return t
		}
		t = st.Field(x).Type()
	}
	return t
}

// builds reports whether the package builds a value of the named type
// with a composite literal.
func (fl *Defaults) builds(obj *types.TypeName) bool {
	fl.scan()
	return fl.built[obj]
}

// scan records, on first use, in one walk over the package's calls and
// literals: the types it builds, the keys it gives defaults (any
// SetDefault call; a configuration store's, by key, for configdefaults.go)
// and the flags it declares as literals, by name. Test code is left out;
// generated code counts.
func (fl *Defaults) scan() {
	if fl.built != nil {
		return
	}
	fl.built = map[*types.TypeName]bool{}
	fl.defaultKeys = map[string]bool{}
	fl.setDefaults = map[string][]*ast.CallExpr{}
	fl.flagLits = map[string][]*ast.CompositeLit{}
	fl.returnedLits = map[*types.TypeName][]*ast.CompositeLit{}
	for cur := range fl.Root.Preorder((*ast.CompositeLit)(nil), (*ast.CallExpr)(nil)) {
		if fl.Quiet.At(cur.Node().Pos()) && !fl.Quiet.Generated(cur.Node().Pos()) {
			continue
		}
		switch n := cur.Node().(type) {
		case *ast.CompositeLit:
			fl.scanLit(n)
			if named, ok := types.Unalias(fl.Index.Info.TypeOf(n)).(*types.Named); ok && returnedLit(n, cur.Parent().Node(), cur.Parent().Parent().Node()) {
				fl.returnedLits[named.Origin().Obj()] = append(fl.returnedLits[named.Origin().Obj()], n)
			}
		case *ast.CallExpr:
			fl.scanSetDefault(n)
		}
	}
}

// scanLit records the type lit builds and, for a flag literal of a
// named-flags source, its name.
func (fl *Defaults) scanLit(lit *ast.CompositeLit) {
	named, ok := types.Unalias(kinds.Pointee(fl.Index.Info.TypeOf(lit))).(*types.Named)
	if !ok {
		return
	}
	fl.built[named.Origin().Obj()] = true
	if named.Obj().Pkg() == nil {
		return
	}
	nf, ok := kinds.NamedFlagsOf(named.Obj().Pkg().Path())
	if !ok {
		return
	}
	for _, elt := range lit.Elts {
		if kv, ok := elt.(*ast.KeyValueExpr); ok {
			if key, ok := kv.Key.(*ast.Ident); ok && key.Name == nf.NameField {
				if name, ok := fl.constString(kv.Value); ok {
					fl.flagLits[name] = append(fl.flagLits[name], lit)
				}
			}
		}
	}
}

// scanSetDefault records a SetDefault call's constant key.
func (fl *Defaults) scanSetDefault(call *ast.CallExpr) {
	var name string
	switch fun := ast.Unparen(call.Fun).(type) {
	case *ast.SelectorExpr:
		name = fun.Sel.Name
	case *ast.Ident:
		name = fun.Name
	}
	if name != "SetDefault" || len(call.Args) == 0 {
		return
	}
	tv, ok := fl.Index.Info.Types[call.Args[0]]
	if !ok || tv.Value == nil || tv.Value.Kind() != constant.String {
		return
	}
	key := strings.ToLower(constant.StringVal(tv.Value))
	fl.defaultKeys[key] = true
	if i := strings.LastIndexByte(key, '.'); i >= 0 {
		fl.defaultKeys[key[i+1:]] = true
	}
	if _, ok := kinds.KeyedSourceOf(fl.Index.Callee(call), true); ok && len(call.Args) == 2 {
		fl.setDefaults[key] = append(fl.setDefaults[key], call)
	}
}

// defaultTagKeys are struct tag keys that give a field a default
// (creasty/defaults, kong, go-flags; caarlos0/env; ilyakaznacheev/cleanenv;
// kelseyhightower/envconfig).
var defaultTagKeys = []string{"default", "envDefault", "env-default"}

// hasDefaultTag reports whether f's struct tag gives it a non-zero default.
func (s *Defaults) hasDefaultTag(st *types.Struct, f *types.Var) bool {
	for i := range st.NumFields() {
		if st.Field(i).Origin() != f {
			continue
		}
		tag := reflect.StructTag(st.Tag(i))
		for _, k := range defaultTagKeys {
			if v, ok := tag.Lookup(k); ok && v != "" && v != "0" && v != "false" {
				return true
			}
		}
	}
	return false
}

// keyNames returns the names a configuration key of field f may have: its
// name and the names its tags give it, lower-cased.
func keyNames(st *types.Struct, f *types.Var) []string {
	names := []string{strings.ToLower(f.Name())}
	for i := range st.NumFields() {
		if st.Field(i).Origin() != f {
			continue
		}
		tag := reflect.StructTag(st.Tag(i))
		for _, k := range []string{"mapstructure", "yaml", "json", "toml", "koanf", "env", "envconfig", "flag"} {
			if v, ok := tag.Lookup(k); ok {
				if name, _, _ := strings.Cut(v, ","); name != "" && name != "-" {
					names = append(names, strings.ToLower(name))
				}
			}
		}
	}
	return names
}

// setsDefaultKey reports whether the package calls a SetDefault function
// or method (viper's) with a constant key that names field f.
func (fl *Defaults) setsDefaultKey(f *types.Var, st *types.Struct) bool {
	fl.scan()
	if len(fl.defaultKeys) == 0 {
		return false
	}
	for _, n := range keyNames(st, f) {
		if fl.defaultKeys[n] {
			return true
		}
	}
	return false
}

// writtenInGenerated reports whether a generated file of the package (a
// defaulter, zz_generated.defaults.go) writes field f: those files are not
// indexed, since nothing is reported there. The first call walks them once.
func (fl *Defaults) writtenInGenerated(f *types.Var) bool {
	if fl.genWrites == nil {
		fl.genWrites = map[*types.Var]bool{}
		field := func(e ast.Expr) {
			var id *ast.Ident
			switch x := ast.Unparen(e).(type) {
			case *ast.Ident:
				id = x
			case *ast.SelectorExpr:
				id = x.Sel
			}
			if v, ok := fl.Index.Info.ObjectOf(id).(*types.Var); ok && id != nil && v.IsField() {
				fl.genWrites[v.Origin()] = true
			}
		}
		for _, file := range fl.Files {
			if !fl.Quiet.Generated(file.Pos()) {
				continue
			}
			ast.Inspect(file, func(n ast.Node) bool {
				switch n := n.(type) {
				case *ast.KeyValueExpr:
					field(n.Key)
				case *ast.AssignStmt:
					for _, lhs := range n.Lhs {
						field(lhs)
					}
				case *ast.UnaryExpr:
					if n.Op == token.AND {
						field(n.X)
					}
				}
				return true
			})
		}
	}
	return fl.genWrites[f]
}
