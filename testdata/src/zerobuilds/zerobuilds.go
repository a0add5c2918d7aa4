// Package zerobuilds: the zero value is a write too. A field whose only
// explicit non-zero write is a constructor's default holds 0 where another
// constructor builds the struct without it; a guarded write (a defaults
// method, Init()) replaces the values its guard admits.
package zerobuilds

import (
	"net/http"
	"time"
)

// Config: NewConfig gives Idle 90s, but NewMinimal builds it without.
type Config struct {
	Addr string
	Idle time.Duration
}

func NewConfig(addr string) *Config { return &Config{Addr: addr, Idle: 90 * time.Second} }

func NewMinimal(addr string) *Config {
	return &Config{Addr: addr}
}

// Positive: 0 on NewMinimal's path.
func (c *Config) transport() *http.Transport {
	return &http.Transport{IdleConnTimeout: c.Idle} // want `Config.Idle feeds IdleConnTimeout and is 0 where Config is built without it, which means no limit`
}

// Explicit: a constructor that writes 0 is the same.
type Explicit struct{ Idle time.Duration }

func newExplicit() Explicit      { return Explicit{Idle: time.Minute} }
func newExplicitZero() *Explicit { return &Explicit{Idle: 0} }

func (e Explicit) transport() *http.Transport {
	return &http.Transport{IdleConnTimeout: e.Idle} // want `Explicit.Idle feeds IdleConnTimeout and is 0 where Explicit is built without it`
}

// Negative: a defaults method replaces the zero the other constructor
// leaves.
type Defaulted struct {
	Addr string
	Idle time.Duration
}

func NewDefaulted() *Defaulted       { return &Defaulted{Idle: time.Minute} }
func NewBare(addr string) *Defaulted { return &Defaulted{Addr: addr} }

func (d *Defaulted) setDefaults() {
	if d.Idle <= 0 {
		d.Idle = time.Minute
	}
}

func (d *Defaulted) transport() *http.Transport {
	d.setDefaults()
	return &http.Transport{IdleConnTimeout: d.Idle}
}

// Negative: a placeholder (-1) replaced in Init(), as plugin frameworks
// do; before, the two writes made the default unknown.
type Plugin struct {
	Idle   time.Duration
	client *http.Client
}

func newPlugin() *Plugin { return &Plugin{Idle: -1} }

func (p *Plugin) Init() error {
	if p.Idle < 0 {
		p.Idle = 30 * time.Second
	}
	p.client = &http.Client{Transport: &http.Transport{IdleConnTimeout: p.Idle}}
	return nil
}

// Positive: the placeholder replaced by a default past the limit.
type Slow struct {
	Idle   time.Duration
	client *http.Client
}

func newSlow() *Slow { return &Slow{Idle: -1} }

func (s *Slow) Init() error {
	if s.Idle == -1 {
		s.Idle = time.Hour
	}
	s.client = &http.Client{Transport: &http.Transport{IdleConnTimeout: s.Idle}} // want `Slow.Idle feeds IdleConnTimeout and defaults to 3600s, not below the 350s limit`
	return nil
}

// Negative: a literal kept in a variable may get the field later; only
// literals a constructor returns directly count.
type Kept struct{ Idle time.Duration }

func newKept() *Kept { return &Kept{Idle: time.Minute} }

func newKeptLater(d time.Duration) *Kept {
	k := &Kept{}
	k.Idle = time.Minute
	return k
}

func (k *Kept) transport() *http.Transport {
	return &http.Transport{IdleConnTimeout: k.Idle}
}

// Negative: a literal returned next to an error, or an empty one, is no
// constructor's.
type Loaded struct {
	Addr string
	Idle time.Duration
}

func defaultLoaded() Loaded { return Loaded{Addr: ":80", Idle: time.Minute} }

func load(ok bool) (Loaded, error) {
	if !ok {
		return Loaded{Addr: "none"}, errFailed
	}
	return defaultLoaded(), nil
}

func empty() *Loaded { return &Loaded{} }

var errFailed error

func (l Loaded) transport() *http.Transport {
	return &http.Transport{IdleConnTimeout: l.Idle}
}
