// Package cli is a stub of github.com/urfave/cli/v2 v2.27.7 for fixtures.
package cli

import "time"

type Flag interface{ Names() []string }

type DurationFlag struct {
	Name        string
	Usage       string
	EnvVars     []string
	Value       time.Duration
	Destination *time.Duration
}

func (f *DurationFlag) Names() []string { return []string{f.Name} }

type IntFlag struct {
	Name        string
	Value       int
	Destination *int
}

func (f *IntFlag) Names() []string { return []string{f.Name} }

type Context struct{ values map[string]any }

func (cCtx *Context) Duration(name string) time.Duration {
	d, _ := cCtx.values[name].(time.Duration)
	return d
}
func (cCtx *Context) Int(name string) int { n, _ := cCtx.values[name].(int); return n }

type App struct {
	Name   string
	Flags  []Flag
	Action func(*Context) error
}

func (a *App) Run(arguments []string) error { return nil }
