// Package env: caarlos0/env's envDefault.
package env

import (
	"net/http"
	"time"

	"github.com/caarlos0/env/v11"
)

type Config struct {
	Idle  time.Duration `env:"IDLE" envDefault:"30m"`
	Short time.Duration `env:"SHORT" envDefault:"2m"`
}

func Load() (Config, error) {
	var c Config
	return c, env.Parse(&c)
}

// Positive.
func (c Config) transport() *http.Transport {
	return &http.Transport{IdleConnTimeout: c.Idle} // want `IdleConnTimeout is 30m by default \(env default of Config.Idle\)`
}

// Negative.
func (c Config) shortTransport() *http.Transport {
	return &http.Transport{IdleConnTimeout: c.Short}
}
