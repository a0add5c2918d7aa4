// Package pflag is a stub of github.com/spf13/pflag v1.1.0 for fixtures:
// the flag declarations with their real signatures.
package pflag

import "time"

type ErrorHandling int

const ContinueOnError ErrorHandling = 0

type FlagSet struct{ name string }

var CommandLine = NewFlagSet("", ContinueOnError)

func NewFlagSet(name string, errorHandling ErrorHandling) *FlagSet { return &FlagSet{name: name} }
func (f *FlagSet) Parse(arguments []string) error                  { return nil }
func Parse()                                                       {}

func (f *FlagSet) Duration(name string, value time.Duration, usage string) *time.Duration {
	p := new(time.Duration)
	f.DurationVar(p, name, value, usage)
	return p
}
func (f *FlagSet) DurationP(name, shorthand string, value time.Duration, usage string) *time.Duration {
	p := new(time.Duration)
	f.DurationVarP(p, name, shorthand, value, usage)
	return p
}
func (f *FlagSet) DurationVar(p *time.Duration, name string, value time.Duration, usage string) {
	*p = value
}
func (f *FlagSet) DurationVarP(p *time.Duration, name, shorthand string, value time.Duration, usage string) {
	*p = value
}
func (f *FlagSet) Int(name string, value int, usage string) *int       { p := new(int); *p = value; return p }
func (f *FlagSet) IntVar(p *int, name string, value int, usage string) { *p = value }

func Duration(name string, value time.Duration, usage string) *time.Duration {
	return CommandLine.Duration(name, value, usage)
}
func DurationP(name, shorthand string, value time.Duration, usage string) *time.Duration {
	return CommandLine.DurationP(name, shorthand, value, usage)
}
func DurationVar(p *time.Duration, name string, value time.Duration, usage string) {
	CommandLine.DurationVar(p, name, value, usage)
}
func DurationVarP(p *time.Duration, name, shorthand string, value time.Duration, usage string) {
	CommandLine.DurationVarP(p, name, shorthand, value, usage)
}
func Int(name string, value int, usage string) *int { return CommandLine.Int(name, value, usage) }
