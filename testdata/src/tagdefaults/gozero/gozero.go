// Package gozero: go-zero's loader keeps the default inside the json tag
// (json:",default=..."), parsed by time.ParseDuration for a duration.
package gozero

import (
	"net/http"
	"time"

	"github.com/zeromicro/go-zero/core/conf"
)

type Config struct {
	Name        string        `json:",default=svc"`
	IdleTimeout time.Duration `json:",default=10m"`
	Fast        time.Duration `json:"fast,optional,default=30s"`
}

func Load(path string) Config {
	var c Config
	conf.MustLoad(path, &c)
	return c
}

// Positive.
func (c Config) transport() *http.Transport {
	return &http.Transport{IdleConnTimeout: c.IdleTimeout} // want `IdleConnTimeout is 10m by default \(go-zero default of Config.IdleTimeout\)`
}

// Negative.
func (c Config) fast() *http.Transport {
	return &http.Transport{IdleConnTimeout: c.Fast}
}
