// Package optdefaultsinit mirrors telegraf's plugins: init() registers a
// factory whose literal holds the defaults; the agent then decodes the
// user's configuration into the struct.
package optdefaultsinit

import (
	"database/sql"
	"net/http"
	"time"
)

type Duration time.Duration

type Input interface{ Start() error }

var registry = map[string]func() Input{}

func add(name string, f func() Input) { registry[name] = f }

// Postgres: the factory sets MaxLifetime; MaxIdleTime has no default.
type Postgres struct {
	Address     string   `toml:"address"`
	MaxIdleTime Duration `toml:"max_idle_time"`
	MaxLifetime Duration `toml:"max_lifetime"`
	db          *sql.DB
}

// MySQL: the factory sets both.
type MySQL struct {
	Address     string   `toml:"address"`
	MaxIdleTime Duration `toml:"max_idle_time"`
	db          *sql.DB
}

// HTTP: the factory sets nothing.
type HTTP struct {
	URL             string   `toml:"url"`
	IdleConnTimeout Duration `toml:"idle_conn_timeout"`
	client          *http.Client
}

func init() {
	add("postgres", func() Input { return &Postgres{MaxLifetime: Duration(2 * time.Minute)} })
	add("mysql", func() Input { return &MySQL{MaxIdleTime: Duration(time.Minute)} })
	add("http", func() Input { return &HTTP{} })
}

// Negative: MaxIdleTime defaults to 0, but MaxLifetime has a default; it
// is a value users may change, so the pool is dynamic.
func (p *Postgres) Start() error {
	db, err := sql.Open("postgres", p.Address)
	if err != nil {
		return err
	}
	db.SetConnMaxIdleTime(time.Duration(p.MaxIdleTime))
	db.SetConnMaxLifetime(time.Duration(p.MaxLifetime))
	p.db = db
	return nil
}

// Negative: the registered factory sets a default.
func (m *MySQL) Start() error {
	db, err := sql.Open("mysql", m.Address)
	if err != nil {
		return err
	}
	db.SetConnMaxIdleTime(time.Duration(m.MaxIdleTime))
	m.db = db
	return nil
}

// Positive: nothing sets a default.
func (h *HTTP) Start() error {
	h.client = &http.Client{Transport: &http.Transport{
		IdleConnTimeout: time.Duration(h.IdleConnTimeout), // want `HTTP.IdleConnTimeout feeds IdleConnTimeout and defaults to 0`
	}}
	return nil
}
