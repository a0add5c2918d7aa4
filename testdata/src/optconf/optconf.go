// Package optconf declares an options struct used by optdefaultspkg.
package optconf

import "time"

// Options has no default for Idle in this package.
type Options struct {
	Idle time.Duration
}

// WithDefault has a default in this package's constructor.
type WithDefault struct {
	Idle time.Duration
}

func NewWithDefault() *WithDefault { return &WithDefault{Idle: time.Minute} }
