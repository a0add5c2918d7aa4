// Package flowstrict: with -strict, guarded values whose range straddles
// the limit are dynamic; a knob set on some paths only is not.
package flowstrict

import (
	"database/sql"
	"errors"
	"net/http"
	"time"
)

func positiveOnly(d time.Duration) (*http.Transport, error) {
	if d <= 0 {
		return nil, errors.New("idle timeout must be positive")
	}
	return &http.Transport{IdleConnTimeout: d}, nil // want `IdleConnTimeout comes from a value keepalivelint cannot resolve`
}

// The idle count may be zero: dynamic.
func unguardedIdleCount(dsn string, n int) *sql.DB {
	db, _ := sql.Open("postgres", dsn)
	db.SetMaxIdleConns(n) // want `SetMaxIdleConns comes from a value keepalivelint cannot resolve`
	return db
}

// Bounded on every path: nothing to say.
func bounded(d time.Duration) *http.Transport {
	t := &http.Transport{}
	if d > 0 && d < time.Minute {
		t.IdleConnTimeout = d
	} else {
		t.IdleConnTimeout = time.Minute
	}
	return t
}

// Plugin's MaxIdle is never set in this package (telegraf's
// common/postgresql: the plugins that embed it set MaxIdle: 1).
type Plugin struct {
	MaxIdle int `toml:"max_idle"`
	db      *sql.DB
}

func (p *Plugin) start(dsn string) {
	db, _ := sql.Open("postgres", dsn)
	db.SetMaxIdleConns(p.MaxIdle) // want `SetMaxIdleConns comes from a value keepalivelint cannot resolve`
	p.db = db
}
