// Package kingpin is a stub of kingpin v2.4.0 for fixtures: a flag's
// builder chain with its real signatures.
package kingpin

import "time"

type Application struct{ name string }

type FlagClause struct {
	parserMixin
	name   string
	defval []string
}

type parserMixin struct{ required bool }

var CommandLine = New("", "")

func New(name, help string) *Application                   { return &Application{name: name} }
func (a *Application) Flag(name, help string) *FlagClause  { return &FlagClause{name: name} }
func (a *Application) Parse(args []string) (string, error) { return "", nil }
func Flag(name, help string) *FlagClause                   { return CommandLine.Flag(name, help) }
func Parse() string                                        { return "" }

func (f *FlagClause) Default(values ...string) *FlagClause { f.defval = values; return f }
func (f *FlagClause) Envar(name string) *FlagClause        { return f }
func (f *FlagClause) Required() *FlagClause                { f.required = true; return f }

func (p *parserMixin) Duration() (target *time.Duration) {
	target = new(time.Duration)
	p.DurationVar(target)
	return
}
func (p *parserMixin) DurationVar(target *time.Duration) {}
func (p *parserMixin) Int() (target *int)                { return new(int) }
func (p *parserMixin) IntVar(target *int)                {}
