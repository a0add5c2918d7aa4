// Package serverstrict holds servers whose idle timeout cannot be
// resolved: reported under -strict only.
package serverstrict

import (
	"net/http"
	"time"
)

// Config is decoded from a file.
type Config struct {
	ReadTimeout time.Duration `yaml:"read_timeout"`
}

// newServer builds a server from the configuration.
func newServer(c Config) *http.Server {
	return &http.Server{ // want `http.Server ReadTimeout comes from a value keepalivelint cannot resolve \(-strict\); make sure it is above the balancer's 60s idle timeout, or 0 \(dynamic-idle-timeout\)`
		ReadTimeout: c.ReadTimeout,
	}
}

// guarded: the guard keeps the value above the balancer's: safe.
func guarded(d time.Duration) *http.Server {
	if d <= 2*time.Minute {
		return nil
	}
	return &http.Server{IdleTimeout: d}
}

// guardedShort: the guard keeps the value at or below 30s.
func guardedShort(d time.Duration) *http.Server {
	if d > 30*time.Second || d <= 0 {
		return nil
	}
	return &http.Server{IdleTimeout: d} // want `http.Server closes idle connections after at most 30s \(IdleTimeout\), before the balancer's 60s`
}
