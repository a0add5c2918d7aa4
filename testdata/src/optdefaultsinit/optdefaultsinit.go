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

// Output mirrors telegraf's outputs/sql: the factory sets the idle count
// (2, database/sql's default) and neither limit.
type Output struct {
	DSN                   string   `toml:"data_source_name"`
	ConnectionMaxIdleTime Duration `toml:"connection_max_idle_time"`
	ConnectionMaxLifetime Duration `toml:"connection_max_lifetime"`
	ConnectionMaxIdle     int      `toml:"connection_max_idle"`
	db                    *sql.DB
}

// Long: the factory's default lifetime is an hour.
type Long struct {
	DSN         string   `toml:"dsn"`
	MaxLifetime Duration `toml:"max_lifetime"`
	db          *sql.DB
}

func init() {
	add("postgres", func() Input { return &Postgres{MaxLifetime: Duration(2 * time.Minute)} })
	add("sql", func() Input { return &Output{ConnectionMaxIdle: 2} })
	add("long", func() Input { return &Long{MaxLifetime: Duration(time.Hour)} })
	add("mysql", func() Input { return &MySQL{MaxIdleTime: Duration(time.Minute)} })
	add("http", func() Input { return &HTTP{} })
}

// Negative: MaxIdleTime defaults to 0, but MaxLifetime defaults to 2m,
// below the limit: the pool is safe unless a user says otherwise.
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

// Positive: both limits default to 0; the idle count defaults to 2, which
// keeps idle connections.
func (o *Output) Start() error {
	db, err := sql.Open("pgx", o.DSN)
	if err != nil {
		return err
	}
	if err := db.Ping(); err != nil {
		return err
	}
	db.SetConnMaxIdleTime(time.Duration(o.ConnectionMaxIdleTime)) // want `Output.ConnectionMaxIdleTime feeds SetConnMaxIdleTime and defaults to 0, which means no limit; set a default below 350s where Output is built`
	db.SetConnMaxLifetime(time.Duration(o.ConnectionMaxLifetime)) // want `Output.ConnectionMaxLifetime feeds SetConnMaxLifetime and defaults to 0`
	db.SetMaxIdleConns(o.ConnectionMaxIdle)
	o.db = db
	return nil
}

// Positive: the default lifetime is past the limit.
func (l *Long) Start() error {
	db, err := sql.Open("pgx", l.DSN)
	if err != nil {
		return err
	}
	db.SetConnMaxLifetime(time.Duration(l.MaxLifetime)) // want `Long.MaxLifetime feeds SetConnMaxLifetime and defaults to 3600s, not below the 350s limit; set a default below 350s where Long is built`
	l.db = db
	return nil
}
