package kinds

import (
	"go/types"
	"reflect"
	"strings"
	"time"
)

// Configuration sources, as data: the flag packages, the key-value stores
// and the struct-tag loaders whose default decides what a pool knob read
// from them holds unless its user sets it (resolve/configdefaults.go).
// Each row names the source it rests on (the module version read).

// A FlagFunc is a function or method that declares a flag with a default:
// the flag's value is that default until the command line sets it.
type FlagFunc struct {
	Name    int // the argument holding the flag's name
	Default int // the argument holding its default; -1: a Default call in the receiver chain (kingpin)
	// Target is the argument holding the pointer the flag sets (XxxVar);
	// -1 when the function returns that pointer.
	Target int
	// Loader names the package in messages: "flag", "pflag".
	Loader string
}

// flagFuncs are the flag declarations by package and function or method
// name (a package-level function and the *FlagSet method of the same name
// take the same arguments in both packages).
//   - flag (Go 1.26 src/flag/flag.go): Duration(name, value, usage) *time.Duration,
//     DurationVar(p, name, value, usage); Int, Int64, Bool likewise.
//   - github.com/spf13/pflag v1.1.0 duration.go, int.go, bool.go: the same,
//     plus DurationP(name, shorthand, value, usage) and
//     DurationVarP(p, name, shorthand, value, usage).
//   - kingpin v2.4.0 (gopkg.in/alecthomas/kingpin.v2 and
//     github.com/alecthomas/kingpin/v2) parsers.go: Flag(name, help)...
//     .Default("30s").Duration() *time.Duration, .DurationVar(&v); the
//     default is the string its Default call is given, parsed by the
//     flag's type (time.ParseDuration for a duration), flags.go setDefault.
var flagFuncs = map[string]map[string]FlagFunc{
	"flag":                             stdFlagFuncs("flag"),
	"github.com/spf13/pflag":           pflagFuncs(),
	"gopkg.in/alecthomas/kingpin.v2":   kingpinFuncs(),
	"github.com/alecthomas/kingpin/v2": kingpinFuncs(),
}

// flagTypes are the value types the flag tables cover: durations, the
// counts of idle connections and the booleans that turn pools off.
var flagTypes = []string{"Duration", "Int", "Int64", "Bool"}

func stdFlagFuncs(loader string) map[string]FlagFunc {
	m := map[string]FlagFunc{}
	for _, t := range flagTypes {
		m[t] = FlagFunc{Name: 0, Default: 1, Target: -1, Loader: loader}
		m[t+"Var"] = FlagFunc{Name: 1, Default: 2, Target: 0, Loader: loader}
	}
	return m
}

func pflagFuncs() map[string]FlagFunc {
	m := stdFlagFuncs("pflag")
	for _, t := range flagTypes {
		m[t+"P"] = FlagFunc{Name: 0, Default: 2, Target: -1, Loader: "pflag"}
		m[t+"VarP"] = FlagFunc{Name: 1, Default: 3, Target: 0, Loader: "pflag"}
	}
	return m
}

func kingpinFuncs() map[string]FlagFunc {
	m := map[string]FlagFunc{}
	for _, t := range flagTypes {
		m[t] = FlagFunc{Name: -1, Default: -1, Target: -1, Loader: "kingpin"}
		m[t+"Var"] = FlagFunc{Name: -1, Default: -1, Target: 0, Loader: "kingpin"}
	}
	return m
}

// FlagFuncOf returns the flag declaration fn is, if any.
func FlagFuncOf(fn *types.Func) (FlagFunc, bool) {
	if fn == nil || fn.Pkg() == nil {
		return FlagFunc{}, false
	}
	f, ok := flagFuncs[TrimVendor(fn.Pkg().Path())][fn.Name()]
	return f, ok
}

// A KeyedSource is a configuration store read by key whose defaults are
// set by key elsewhere in the program.
type KeyedSource struct {
	Loader string
	// Readers are the functions and methods that read a value by the key
	// in their first argument.
	Readers []string
	// SetDefault is the function or method that gives a key its default
	// (key, value).
	SetDefault string
	// BareNumber is what a bare number in a string default of a duration
	// stands for ("30": 30ns for viper, whose cast.ToDurationE appends
	// "ns" to a string without a unit).
	BareNumber time.Duration
}

// keyedSources: github.com/spf13/viper v1.21.0 viper.go (GetDuration,
// GetInt, GetInt64, GetBool, SetDefault; package functions and *Viper
// methods alike; keys are case-insensitive), with github.com/spf13/cast's
// ToDurationE for strings.
var keyedSources = map[string]KeyedSource{
	"github.com/spf13/viper": {Loader: "viper", Readers: []string{"GetDuration", "GetInt", "GetInt64", "GetBool"}, SetDefault: "SetDefault", BareNumber: time.Nanosecond},
}

// KeyedSourceOf returns the keyed source fn belongs to and whether fn
// reads a key of it (or sets its default, when setDefault).
func KeyedSourceOf(fn *types.Func, setDefault bool) (KeyedSource, bool) {
	if fn == nil || fn.Pkg() == nil {
		return KeyedSource{}, false
	}
	src, ok := keyedSources[TrimVendor(fn.Pkg().Path())]
	if !ok {
		return src, false
	}
	if setDefault {
		return src, fn.Name() == src.SetDefault
	}
	for _, r := range src.Readers {
		if fn.Name() == r {
			return src, true
		}
	}
	return src, false
}

// A NamedFlags source declares flags as struct literals and reads them
// by name from its context: urfave/cli's &cli.DurationFlag{Name: "idle",
// Value: 30 * time.Second} read as c.Duration("idle").
type NamedFlags struct {
	Loader string
	// Readers are the methods that read a flag by the name in their first
	// argument.
	Readers []string
	// NameField and ValueField are the literal's fields holding the name
	// and the default; TargetField the pointer it sets.
	NameField, ValueField, TargetField string
}

// namedFlags: github.com/urfave/cli/v2 v2.27.7 flag_duration.go
// ((*Context).Duration), zz_generated.flags.go (DurationFlag{Name, Value,
// Destination}); github.com/urfave/cli/v3 v3.14.0 flag_duration.go
// ((*Command).Duration), flag_impl.go (FlagBase{Name, Value,
// Destination}, of which DurationFlag is an alias).
var namedFlags = map[string]NamedFlags{
	"github.com/urfave/cli/v2": {Loader: "urfave/cli", Readers: []string{"Duration", "Int", "Int64", "Bool"}, NameField: "Name", ValueField: "Value", TargetField: "Destination"},
	"github.com/urfave/cli/v3": {Loader: "urfave/cli", Readers: []string{"Duration", "Int", "Int64", "Bool"}, NameField: "Name", ValueField: "Value", TargetField: "Destination"},
}

// NamedFlagsOf returns the named-flags source of package path.
func NamedFlagsOf(path string) (NamedFlags, bool) {
	nf, ok := namedFlags[TrimVendor(path)]
	return nf, ok
}

// NamedFlagReader reports whether fn reads a flag of a named-flags
// source by name.
func NamedFlagReader(fn *types.Func) (NamedFlags, bool) {
	if fn == nil || fn.Pkg() == nil || fn.Signature().Recv() == nil {
		return NamedFlags{}, false
	}
	nf, ok := NamedFlagsOf(fn.Pkg().Path())
	if !ok {
		return nf, false
	}
	for _, r := range nf.Readers {
		if r == fn.Name() {
			return nf, true
		}
	}
	return nf, false
}

// A TagLoader fills a struct from the environment, the command line or a
// file and gives each field the default its struct tag names.
type TagLoader struct {
	// Path is the loader's package; a major version suffix (/v6 ... /v11)
	// is matched too.
	Path   string
	Loader string // how messages name it: "envconfig"
	// Tag is the struct tag key that holds the default; Option, when not
	// "", is the option inside that tag's comma-separated value that
	// holds it (go-zero's json:",default=5s").
	Tag, Option string
	// BareNumber is what a bare number in a duration field's default
	// stands for; 0 when the loader rejects it (time.ParseDuration alone).
	BareNumber time.Duration
}

// TagLoaders, each checked in its source:
//   - github.com/kelseyhightower/envconfig v1.4.0 envconfig.go: tag
//     "default"; a time.Duration by time.ParseDuration (processField).
//   - github.com/alecthomas/kong v1.17.0 mapper.go durationDecoder: tag
//     "default", a string parsed by time.ParseDuration.
//   - github.com/caarlos0/env v6-v11 (v11.4.2 env.go parseDuration): tag
//     "envDefault", time.ParseDuration.
//   - github.com/creasty/defaults v1.11.0 set.go: tag "default";
//     time.ParseDuration, else a bare integer in nanoseconds.
//   - github.com/jessevdk/go-flags: tag "default", time.ParseDuration
//     (convert.go).
//   - github.com/ilyakaznacheev/cleanenv: tag "env-default",
//     time.ParseDuration (parseValue).
//   - github.com/zeromicro/go-zero/core/conf v1.10.3 (core/mapping
//     unmarshaler.go fillDurationValue): the option "default=" of the
//     json tag, time.ParseDuration.
var TagLoaders = []TagLoader{
	{Path: "github.com/kelseyhightower/envconfig", Loader: "envconfig", Tag: "default"},
	{Path: "github.com/alecthomas/kong", Loader: "kong", Tag: "default"},
	{Path: "github.com/caarlos0/env", Loader: "env", Tag: "envDefault"},
	{Path: "github.com/creasty/defaults", Loader: "defaults", Tag: "default", BareNumber: time.Nanosecond},
	{Path: "github.com/jessevdk/go-flags", Loader: "go-flags", Tag: "default"},
	{Path: "github.com/ilyakaznacheev/cleanenv", Loader: "cleanenv", Tag: "env-default"},
	{Path: "github.com/zeromicro/go-zero/core/conf", Loader: "go-zero", Tag: "json", Option: "default"},
}

// Matches reports whether path is the loader's package (or a major
// version of it).
func (l TagLoader) Matches(path string) bool {
	path = TrimVendor(path)
	if path == l.Path {
		return true
	}
	rest, ok := strings.CutPrefix(path, l.Path+"/v")
	return ok && rest != "" && strings.Trim(rest, "0123456789") == ""
}

// Default returns the default tag gives a field under loader l, and
// whether it names one.
func (l TagLoader) Default(tag string) (string, bool) {
	v, ok := reflect.StructTag(tag).Lookup(l.Tag)
	if !ok || l.Option == "" {
		return v, ok
	}
	for _, opt := range strings.Split(v, ",") {
		if d, ok := strings.CutPrefix(strings.TrimSpace(opt), l.Option+"="); ok {
			return d, true
		}
	}
	return "", false
}
