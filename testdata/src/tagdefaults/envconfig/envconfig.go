// Package envconfig: a struct filled by kelseyhightower/envconfig, whose
// default tags decide what its fields hold unless the environment sets
// them.
package envconfig

import (
	"database/sql"
	"net/http"
	"time"

	"github.com/kelseyhightower/envconfig"
)

type Config struct {
	WebhookIdle  time.Duration `envconfig:"WEBHOOK_IDLE" default:"15m"`
	UpstreamIdle time.Duration `envconfig:"UPSTREAM_IDLE" default:"90s"`
	NoDefault    time.Duration `envconfig:"NO_DEFAULT"`
	IdleSeconds  int           `envconfig:"IDLE_SECONDS" default:"600"`
	MaxLifetime  time.Duration `default:"1h"`
}

func Load() (*Config, error) {
	var c Config
	err := envconfig.Process("svc", &c)
	return &c, err
}

// Positive: the example of issue 25.
func Webhooks(c *Config) *http.Client {
	return &http.Client{Transport: &http.Transport{
		IdleConnTimeout: c.WebhookIdle, // want `http.Transport IdleConnTimeout is 15m by default \(envconfig default of Config.WebhookIdle\), not below the 350s limit; lower that default, e.g. to 90 \* time.Second`
	}}
}

// Negative: 90s by default.
func Upstream(c *Config) *http.Client {
	return &http.Client{Transport: &http.Transport{IdleConnTimeout: c.UpstreamIdle}}
}

// Positive: a field with no default tag is its zero value.
func NoDefault(c *Config) *http.Client {
	return &http.Client{Transport: &http.Transport{IdleConnTimeout: c.NoDefault}} // want `Config.NoDefault feeds IdleConnTimeout and defaults to 0, which means no limit`
}

// Positive: an integer default scaled by the code that reads it.
func Seconds(c *Config) *http.Client {
	return &http.Client{Transport: &http.Transport{IdleConnTimeout: time.Duration(c.IdleSeconds) * time.Second}} // want `IdleConnTimeout is 600s by default \(envconfig default of Config.IdleSeconds\)`
}

// A service copies the configuration into fields of its own in its
// constructor: the default is still envconfig's.
type service struct {
	maxLifetime time.Duration
	db          *sql.DB
}

func newService(cfg *Config) *service {
	return &service{maxLifetime: cfg.MaxLifetime}
}

// Positive: through the copy.
func (s *service) open(dsn string) error {
	db, err := sql.Open("postgres", dsn)
	if err != nil {
		return err
	}
	db.SetConnMaxLifetime(s.maxLifetime) // want `SetConnMaxLifetime\(1h\) by default \(envconfig default of Config.MaxLifetime\) is not below the 350s limit`
	s.db = db
	return nil
}
