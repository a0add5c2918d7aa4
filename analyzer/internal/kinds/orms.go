package kinds

import "go/types"

// ORMs and query builders open a database/sql pool behind a handle of
// their own. Facts cannot tell the analyzer so: gorm's dialector opens the
// pool in a method called through an interface (Dialector.Initialize),
// and xorm and ent keep it in a field of the handle they return, which no
// fact carries (facts carry openers that return the pool itself). What
// the ORMs do is therefore described here, read in their sources.

// A Front is a type of another library that holds a pool of its kind.
type Front struct {
	// Type is the handle's named type ("gorm.io/gorm.DB").
	Type string
	// Opener is the function that opens a pool behind a new handle, with
	// its driver-name argument and its dialector argument (-1: none).
	Opener       string
	DriverArg    int
	DialectorArg int
	// Callbacks is the index of the opener's variadic functions that are
	// handed the pool (xorm's driverOptions, -1: none): what they set is
	// out of sight, so a call that passes one is no site.
	Callbacks int
	// Accessor is the handle's method that returns the pool (gorm's
	// db.DB()): the setters go on its result.
	Accessor string
	// Setters: the kind's setter knobs are methods of the handle itself,
	// with the same meaning (xorm's engine.SetConnMaxIdleTime).
	Setters bool
	Source  string
}

// sqlFronts are the ORM handles over a *sql.DB.
var sqlFronts = []Front{
	{Type: "gorm.io/gorm.DB", Opener: "gorm.io/gorm.Open", DriverArg: -1, DialectorArg: 0, Callbacks: -1, Accessor: "DB",
		Source: "gorm.go (v1.31) Open calls Dialector.Initialize, which opens the pool; (*DB).DB returns it"},
	{Type: "xorm.io/xorm.Engine", Opener: "xorm.io/xorm.NewEngine", DriverArg: 0, DialectorArg: -1, Callbacks: 2, Accessor: "DB", Setters: true,
		Source: "engine.go (v1.4) NewEngine opens core.Open(driverName, dsn); Engine.SetConnMaxIdleTime etc. call the *sql.DB's"},
	{Type: "github.com/xorm-io/xorm.Engine", Opener: "github.com/xorm-io/xorm.NewEngine", DriverArg: 0, DialectorArg: -1, Callbacks: -1, Accessor: "DB", Setters: true,
		Source: "the xorm fork casdoor uses, engine.go (v1.1.6): NewEngine(driverName, dsn) opens core.Open; Engine.SetConnMaxLifetime etc."},
	{Type: "entgo.io/ent/dialect/sql.Driver", Opener: "entgo.io/ent/dialect/sql.Open", DriverArg: 0, DialectorArg: -1, Callbacks: -1, Accessor: "DB",
		Source: "dialect/sql/driver.go (v0.14) Open calls sql.Open; Driver.DB returns the pool"},
}

// sqlWraps are the functions whose result holds a pool they are given.
var sqlWraps = map[string]int{
	"github.com/jmoiron/sqlx.NewDb":   0, // sqlx.DB embeds *sql.DB
	"github.com/uptrace/bun.NewDB":    0, // bun.DB embeds *sql.DB (through noCopyState)
	"entgo.io/ent/dialect/sql.OpenDB": 1, // the Driver's DB() returns it
}

// FrontOpened returns the front whose opener is name.
func (k *Kind) FrontOpened(name string) (Front, bool) {
	for _, f := range k.Fronts {
		if f.Opener == name {
			return f, true
		}
	}
	return Front{}, false
}

// FrontOf returns the kind and front whose handle type is t (not a
// pointer to it).
func FrontOf(t types.Type) (*Kind, Front, bool) {
	name := TypeName(t)
	if name == "" {
		return nil, Front{}, false
	}
	for _, k := range All {
		for _, f := range k.Fronts {
			if f.Type == name {
				return k, f, true
			}
		}
	}
	return nil, Front{}, false
}

// SetterKind returns the kind whose setter knobs a method of the named
// type t sets: the kind's own type, or a front with setters of its own.
func SetterKind(t types.Type) *Kind {
	if k := OfType(t); k != nil {
		return k
	}
	if k, f, ok := FrontOf(t); ok && f.Setters {
		return k
	}
	return nil
}

// WrapArg returns the argument of a call of the function named name
// whose pool the result holds, or -1.
func WrapArg(name string) int {
	for _, k := range All {
		if i, ok := k.Wraps[name]; ok {
			return i
		}
	}
	return -1
}
