// Package creasty: creasty/defaults, whose bare number in a duration is
// nanoseconds.
package creasty

import (
	"net/http"
	"time"

	"github.com/creasty/defaults"
)

type Options struct {
	Idle    time.Duration `default:"20m"`
	Tiny    time.Duration `default:"1000"`
	Written time.Duration `default:"20m"`
}

func New() (*Options, error) {
	o := &Options{}
	return o, defaults.Set(o)
}

// Positive.
func (o *Options) transport() *http.Transport {
	return &http.Transport{IdleConnTimeout: o.Idle} // want `IdleConnTimeout is 20m by default \(defaults default of Options.Idle\)`
}

// Negative: 1000ns, below the limit (and positive).
func (o *Options) tinyTransport() *http.Transport {
	return &http.Transport{IdleConnTimeout: o.Tiny}
}

// Negative (dynamic): the package writes the field besides its tag.
func (o *Options) SetWritten(d time.Duration) { o.Written = d }

func (o *Options) writtenTransport() *http.Transport {
	return &http.Transport{IdleConnTimeout: o.Written}
}
