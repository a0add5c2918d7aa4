// Package cli is a stub of github.com/urfave/cli/v3 v3.14.0 for fixtures:
// DurationFlag is an alias of the generic FlagBase, as in the real one.
package cli

import (
	"context"
	"time"
)

type Flag interface{ Names() []string }

type NoConfig struct{}

type durationValue struct{}

type FlagBase[T any, C any, VC any] struct {
	Name        string
	Usage       string
	Value       T
	Destination *T
	Config      C
}

func (f *FlagBase[T, C, VC]) Names() []string { return []string{f.Name} }

type DurationFlag = FlagBase[time.Duration, NoConfig, durationValue]

type Command struct {
	Name   string
	Flags  []Flag
	Action func(context.Context, *Command) error
	values map[string]any
}

func (cmd *Command) Duration(name string) time.Duration {
	d, _ := cmd.values[name].(time.Duration)
	return d
}
func (cmd *Command) Run(ctx context.Context, args []string) error { return nil }
