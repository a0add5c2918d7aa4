// Package optdefaults: pool knobs fed from options (fields of structs of
// this package) that are never given a non-zero default.
package optdefaults

import (
	"database/sql"
	"encoding/json"
	"flag"
	"net/http"
	"time"
)

// Duration is a config duration decoded from a file (telegraf's
// config.Duration).
type Duration time.Duration

// Config is decoded from a file; nothing in the package gives IdleTimeout
// or IdleSeconds a default.
type Config struct {
	IdleTimeout       time.Duration `json:"idle_timeout"`
	IdleSeconds       int           `json:"idle_seconds"`
	DisableKeepAlives bool          `json:"disable_keep_alives"`
	MaxIdleConns      int           `json:"max_idle_conns"`
}

func Load(data []byte) (*Config, error) {
	var c Config
	err := json.Unmarshal(data, &c)
	return &c, err
}

// Positive: decoded, but 0 unless the file sets it.
func NewClient(c *Config) *http.Client {
	return &http.Client{Transport: &http.Transport{
		IdleConnTimeout: c.IdleTimeout, // want `Config.IdleTimeout feeds IdleConnTimeout and defaults to 0, which means no limit; set a default below 350s where Config is built`
	}}
}

// Positive: in seconds, scaled.
func NewClientSeconds(c *Config) *http.Client {
	t := &http.Transport{}
	t.IdleConnTimeout = time.Duration(c.IdleSeconds) * time.Second // want `Config.IdleSeconds feeds IdleConnTimeout and defaults to 0`
	return &http.Client{Transport: t}
}

// Positive: DisableKeepAlives defaults to false, so keep-alives are on and
// nothing bounds them (before, an option made the transport dynamic).
func NewClientKeepAlives(c *Config) *http.Client {
	return &http.Client{Transport: &http.Transport{DisableKeepAlives: c.DisableKeepAlives}} // want `http.Transport has no IdleConnTimeout`
}

// Positive: guarded by > 0, the option never reaches the transport as 0;
// but the other path leaves the transport unset.
func NewClientGuarded(c *Config) *http.Client {
	t := &http.Transport{} // want `has no IdleConnTimeout on some paths`
	if c.IdleTimeout > 0 {
		t.IdleConnTimeout = c.IdleTimeout
	}
	return &http.Client{Transport: t}
}

// Plugin mirrors a telegraf SQL input: its options are decoded from the
// agent's configuration.
type Plugin struct {
	DSN          string   `toml:"dsn"`
	MaxIdleTime  Duration `toml:"max_idle_time"`
	MaxIdleConns int      `toml:"max_idle_conns"`
	db           *sql.DB
}

// Positive: SetConnMaxIdleTime(0) unless the user sets max_idle_time.
// Negative for SetMaxIdleConns: its default 0 keeps no idle connection,
// which would be safe.
func (p *Plugin) Start() error {
	db, err := sql.Open("postgres", p.DSN)
	if err != nil {
		return err
	}
	db.SetConnMaxIdleTime(time.Duration(p.MaxIdleTime)) // want `Plugin.MaxIdleTime feeds SetConnMaxIdleTime and defaults to 0, which means no limit; set a default below 350s where Plugin is built`
	p.db = db
	return nil
}

// Negative (dynamic): SetMaxIdleConns(0) by default keeps no idle
// connection, but a zero default does not make a pool safe: importers that
// embed the struct may give the option another default.
func (p *Plugin) StartNoIdle() error {
	db, err := sql.Open("postgres", p.DSN)
	if err != nil {
		return err
	}
	db.SetMaxIdleConns(p.MaxIdleConns)
	p.db = db
	return nil
}

// Written explicitly as 0: still no default.
type zeroed struct{ idle time.Duration }

func newZeroed() *zeroed { return &zeroed{idle: 0} }

func (z *zeroed) client() *http.Client {
	return &http.Client{Transport: &http.Transport{IdleConnTimeout: z.idle}} // want `zeroed.idle feeds IdleConnTimeout and defaults to 0`
}

// Copied from an option without a default: no default either.
type options struct{ Idle time.Duration }

type client struct{ idle time.Duration }

func newFromOptions(o options) *client { return &client{idle: o.Idle} }

func (c *client) transport() *http.Transport {
	return &http.Transport{IdleConnTimeout: c.idle} // want `client.idle feeds IdleConnTimeout and defaults to 0`
}

// An exported struct without decoder tags that this package never builds
// is an argument its importers fill, with their defaults (consul-template's
// CreateConsulClientInput): no option default (dynamic). The exported
// factory no caller in the package calls is judged as most of its users
// call it, with a zero ClientInput (factory-default-unbounded; dynamic
// under -skip-factory-defaults).
type ClientInput struct {
	TransportIdleConnTimeout time.Duration
}

func NewClientFromInput(i *ClientInput) *http.Client {
	return &http.Client{Transport: &http.Transport{IdleConnTimeout: i.TransportIdleConnTimeout}} // want `http.Transport IdleConnTimeout is 0 \(i.TransportIdleConnTimeout\) in exported NewClientFromInput called with a zero ClientInput.*\(factory-default-unbounded\)$`
}

// Negative: a default in a constructor's literal.
type WithCtor struct{ Idle time.Duration }

func NewWithCtor() *WithCtor { return &WithCtor{Idle: 90 * time.Second} }

func (w *WithCtor) transport() *http.Transport {
	return &http.Transport{IdleConnTimeout: w.Idle}
}

// Negative: a default in a defaults method.
type WithDefaults struct{ Idle time.Duration }

func (w *WithDefaults) setDefaults() {
	if w.Idle == 0 {
		w.Idle = time.Minute
	}
}

func (w *WithDefaults) transport() *http.Transport {
	w.setDefaults()
	return &http.Transport{IdleConnTimeout: w.Idle}
}

// Negative: a positional literal gives the default.
type Positional struct {
	Name string
	Idle time.Duration
}

var defaultPositional = Positional{"default", 30 * time.Second}

func (p Positional) transport() *http.Transport {
	return &http.Transport{IdleConnTimeout: p.Idle}
}

// Negative: a flag gives the default.
type WithFlag struct{ Idle time.Duration }

func (w *WithFlag) register(fs *flag.FlagSet) {
	fs.DurationVar(&w.Idle, "idle", 90*time.Second, "idle timeout")
}

func (w *WithFlag) transport() *http.Transport {
	return &http.Transport{IdleConnTimeout: w.Idle}
}

// Negative: a struct tag gives the default (creasty/defaults, env).
type WithTag struct {
	Idle time.Duration `default:"90s"`
}

func (w *WithTag) transport() *http.Transport {
	return &http.Transport{IdleConnTimeout: w.Idle}
}

// Negative: a SetDefault call (viper) names the option's key.
type WithViper struct {
	Idle time.Duration `mapstructure:"pool_idle"`
}

type settings struct{}

func (settings) SetDefault(key string, value any) {}

func init() {
	var v settings
	v.SetDefault("http.pool_idle", "90s")
}

func (w *WithViper) transport() *http.Transport {
	return &http.Transport{IdleConnTimeout: w.Idle}
}

// Negative (dynamic): a constructor copies a parameter.
type fromParam struct{ idle time.Duration }

func newFromParam(d time.Duration) *fromParam { return &fromParam{idle: d} }

func (f *fromParam) transport() *http.Transport {
	return &http.Transport{IdleConnTimeout: f.idle}
}

// Negative (dynamic): two constructors give two different defaults.
type TwoDefaults struct{ Idle time.Duration }

func newFast() *TwoDefaults { return &TwoDefaults{Idle: 10 * time.Second} }

func newSlow() *TwoDefaults { return &TwoDefaults{Idle: time.Hour} }

func (t *TwoDefaults) transport() *http.Transport {
	return &http.Transport{IdleConnTimeout: t.Idle}
}

// Negative: keep-alives are off by default.
type NoKeepAlive struct{ DisableKeepAlives bool }

func newNoKeepAlive() *NoKeepAlive { return &NoKeepAlive{DisableKeepAlives: true} }

func (n *NoKeepAlive) transport() *http.Transport {
	return &http.Transport{DisableKeepAlives: n.DisableKeepAlives}
}

// Positive: the default, in seconds, is past the limit.
type Seconds struct{ IdleSec int }

func newSeconds() *Seconds { return &Seconds{IdleSec: 600} }

func (s *Seconds) transport() *http.Transport {
	return &http.Transport{IdleConnTimeout: time.Duration(s.IdleSec) * time.Second} // want `Seconds.IdleSec feeds IdleConnTimeout and defaults to 600s, not below the 350s limit`
}
