// Package summaries defines the facts keepalivelint exports for other
// packages: what a function does to the pools it is given, opens, returns
// or keeps in a slot, and how they are encoded. They are the interface
// between the analyses of two packages; effects computes them.
package summaries

import (
	"fmt"
	"go/token"
	"strings"
)

// A PoolFact summarizes a function for its callers in other packages.
type PoolFact struct {
	// Params lists what the function does to the pools given as
	// parameters (Index -1: the receiver).
	Params []ParamEffect
	// Opens is set when the function returns a pool that callers must
	// configure (an opener wrapper: db.Open returning sql.Open's pool
	// with no idle limit set).
	Opens *OpenedPool
	// Returns is set when the function returns a pool it builds (a
	// factory): the values its knobs hold at the return.
	Returns *ReturnedPool
	// Stores lists the parameters the function keeps in a slot, and
	// SlotWrites what it does to pools in slots.
	Stores     []SlotStore
	SlotWrites []SlotEffect
	// Options is set when the function returns an option, or a slice of
	// options, of a kind whose knobs are options: what its result may
	// carry (a credentials helper carries nothing idle-relevant).
	Options *OptionSet
}

func (*PoolFact) AFact() {}

func (f *PoolFact) String() string {
	var parts []string
	for _, p := range f.Params {
		parts = append(parts, p.String())
	}
	if f.Opens != nil {
		o := "opens " + f.Opens.Kind
		if f.Opens.Driver != "" {
			o += " driver " + f.Opens.Driver
		}
		if f.Opens.DriverParam > 0 {
			o += fmt.Sprintf(" driver param %d", f.Opens.DriverParam-1)
		}
		if f.Opens.Options != nil {
			o += " with " + f.Opens.Options.String()
		}
		parts = append(parts, o)
	}
	if f.Returns != nil {
		ws := ""
		for i, w := range f.Returns.Knobs {
			if i > 0 {
				ws += ", "
			}
			ws += w.String()
		}
		parts = append(parts, "returns "+f.Returns.Kind+" {"+ws+"}")
	}
	for _, st := range f.Stores {
		parts = append(parts, fmt.Sprintf("stores param %d in %s", st.Param, st.Slot))
	}
	for _, se := range f.SlotWrites {
		parts = append(parts, ParamEffect{Index: -2, Writes: se.Writes, Opaque: se.Opaque}.String()+" in "+se.Slot)
	}
	if f.Options != nil {
		parts = append(parts, "options "+f.Options.String())
	}
	return "pool(" + strings.Join(parts, "; ") + ")"
}

// A PoolsPackage fact marks a package that exported a poolFact: a package
// importing it may receive pools from it without importing any pool API
// itself (t := lib.NewTransport()), so it must be looked at.
type PoolsPackage struct{}

func (*PoolsPackage) AFact() {}

func (*PoolsPackage) String() string { return "pools" }

// A ParamEffect is what a function does to one pool parameter: the knobs
// it writes (directly or through further calls), and whether it hands the
// pool to code that cannot be seen.
type ParamEffect struct {
	Index  int
	Writes []KnobWrite
	Opaque bool
}

func (p ParamEffect) String() string {
	var ws []string
	for _, w := range p.Writes {
		ws = append(ws, w.String())
	}
	s := fmt.Sprintf("param %d: %s", p.Index, strings.Join(ws, ", "))
	if p.Opaque {
		s += " opaque"
	}
	return s
}

// A KnobWrite is one write of a knob (a field or a setter), with its
// constant value when known, under a guard the caller can decide.
type KnobWrite struct {
	Knob  string
	Value int64 // nanoseconds, a count, or 0/1 for a bool
	Known bool
	Guard *KnobGuard
	// Missing: for an option's value, the companion field it needs and
	// does not have (keepalive Time without PermitWithoutStream).
	Missing string
	// Arg, for a value that is not constant, is 1 + the index of the
	// function's parameter it is (a house type's setter method:
	// UseIdleTimeout(d) writes d): the caller's argument is the value.
	Arg int
}

func (w KnobWrite) String() string {
	v := "?"
	if w.Known {
		v = fmt.Sprint(w.Value)
	} else if w.Arg > 0 {
		v = fmt.Sprintf("arg %d", w.Arg-1)
	}
	s := w.Knob + "=" + v
	if w.Missing != "" {
		s += " without " + w.Missing
	}
	if w.Guard != nil {
		s += fmt.Sprintf(" if %s %s %d", w.Guard.Field, w.Guard.Op, w.Guard.Value)
	}
	return s
}

// A KnobGuard is a condition on a field of the same pool compared with a
// constant (tr.MaxIdleConns == 0), evaluated on the caller's pool.
type KnobGuard struct {
	Field string
	Op    token.Token
	Value int64
}

// A ReturnedPool is what a factory's pool holds when it is returned: the
// values of its kind's knobs (a knob left unset is absent). The pool's own
// finding, if any, is reported in the factory's package, at its literal.
type ReturnedPool struct {
	Kind  string
	Knobs []KnobWrite
}

// An OpenedPool is a pool an opener wrapper returns unconfigured.
type OpenedPool struct {
	Kind string // the kind's type: "database/sql.DB"
	// Driver is the constant driver name the wrapper opens with, or
	// DriverParam 1 + the index of its parameter that carries the name
	// (0: neither): its callers judge the driver with what they link.
	Driver      string
	DriverParam int
	// Options: for a dialing wrapper (a kind whose knobs are options), the
	// options it gives the opener itself; its Params are the parameters
	// that carry its caller's options.
	Options *OptionSet
}

// An OptionSet is what an option, or a slice of options, may carry for
// a kind whose knobs are options: the values of its knobs (Knob is the
// knob's name), the parameters of the function whose arguments it also
// carries, and whether some option comes from out of sight.
type OptionSet struct {
	Kind    string
	Writes  []KnobWrite
	Params  []int
	Unknown bool
}

func (o *OptionSet) String() string {
	var ws []string
	for _, w := range o.Writes {
		ws = append(ws, w.String())
	}
	for _, p := range o.Params {
		ws = append(ws, fmt.Sprintf("param %d", p))
	}
	if o.Unknown {
		ws = append(ws, "unknown")
	}
	if len(ws) == 0 {
		ws = append(ws, "none")
	}
	return "{" + strings.Join(ws, ", ") + "}"
}

// Holds reports whether x op y.
func (g *KnobGuard) Holds(x int64) bool {
	switch g.Op {
	case token.EQL:
		return x == g.Value
	case token.NEQ:
		return x != g.Value
	case token.LSS:
		return x < g.Value
	case token.LEQ:
		return x <= g.Value
	case token.GTR:
		return x > g.Value
	case token.GEQ:
		return x >= g.Value
	}
	return false
}

// A SlotStore says that a function stores parameter Param into Slot.
type SlotStore struct {
	Param int
	Slot  string
}

// A SlotEffect is what a function (or a closure it returns) does to the
// pool in a slot.
type SlotEffect struct {
	Slot   string
	Writes []KnobWrite
	Opaque bool
}

// A Drivers fact lists the database/sql driver packages of the kinds'
// driver table linked into a package: those it imports, and those its
// imports' Drivers facts list, each with the verdict of the version in
// sight where it is imported. A package fact is read only from direct
// imports (go vet passes on no imported package fact), so each package
// that links a driver carries the whole list for its importers.
type Drivers struct {
	Linked []LinkedDriver
}

// A LinkedDriver is one driver package and its verdict ("heals",
// "fails", "unknown": kinds.Verdict's names).
type LinkedDriver struct {
	Path    string
	Verdict string
}

func (*Drivers) AFact() {}

func (d *Drivers) String() string {
	var parts []string
	for _, l := range d.Linked {
		parts = append(parts, l.Path+"="+l.Verdict)
	}
	return "drivers(" + strings.Join(parts, ", ") + ")"
}

// A FlagDefault is the default of the flag an exported package variable
// points to (var Idle = flag.Duration("idle", 45*time.Second, "")), for
// the packages that read *Idle: the value it holds unless the command
// line sets it, and where that default is ("default of flag -idle").
type FlagDefault struct {
	Value  int64 // nanoseconds, a count, or 0/1 for a bool
	Source string
}

func (*FlagDefault) AFact() {}

func (d *FlagDefault) String() string {
	return fmt.Sprintf("flagdefault(%d, %s)", d.Value, d.Source)
}
