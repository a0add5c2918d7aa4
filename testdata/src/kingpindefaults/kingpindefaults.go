// Package kingpindefaults: kingpin flags, Default("...") in the builder
// chain, under both import paths.
package kingpindefaults

import (
	"net/http"
	"time"

	kingpin "github.com/alecthomas/kingpin/v2"
	oldkingpin "gopkg.in/alecthomas/kingpin.v2"
)

var (
	app      = kingpin.New("svc", "")
	idle     = app.Flag("upstream.idle", "idle timeout").Default("10m").Duration()
	fastIdle = kingpin.Flag("fast.idle", "").Envar("FAST_IDLE").Default("30s").Duration()
	noDef    = oldkingpin.Flag("nodefault.idle", "").Duration()
	required = oldkingpin.Flag("required.idle", "").Required().Duration()
	bound    time.Duration
)

func init() {
	oldkingpin.Flag("bound.idle", "").Default("1h").DurationVar(&bound)
}

// Positive: the default as written.
func upstream() *http.Transport {
	return &http.Transport{IdleConnTimeout: *idle} // want `http.Transport IdleConnTimeout is 10m by default \(default of kingpin flag --upstream.idle\), not below the 350s limit`
}

// Negative.
func fast() *http.Transport {
	return &http.Transport{IdleConnTimeout: *fastIdle}
}

// Positive: a flag without Default is its zero value.
func noDefault() *http.Transport {
	return &http.Transport{IdleConnTimeout: *noDef} // want `IdleConnTimeout is 0 by default \(default of kingpin flag --nodefault.idle\), which means no limit`
}

// Negative (dynamic): a required flag has no default that counts.
func needed() *http.Transport {
	return &http.Transport{IdleConnTimeout: *required}
}

// Positive: DurationVar.
func boundClient() *http.Transport {
	return &http.Transport{IdleConnTimeout: bound} // want `IdleConnTimeout is 1h by default \(default of kingpin flag --bound.idle\)`
}
