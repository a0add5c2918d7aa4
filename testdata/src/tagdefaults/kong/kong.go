// Package kong: a command line parsed by alecthomas/kong.
package kong

import (
	"net/http"
	"time"

	"github.com/alecthomas/kong"
)

var cli struct {
	Idle     time.Duration `help:"idle timeout" default:"10m"`
	FastIdle time.Duration `default:"1m"`
	Bad      time.Duration `default:"soon"`
}

func run() *http.Server {
	kong.Parse(&cli)
	return &http.Server{IdleTimeout: cli.FastIdle} // want `http.Server closes idle connections after 60s \(IdleTimeout by default: kong default of FastIdle\), before the balancer's 60s`
}

// Positive.
func client() *http.Transport {
	return &http.Transport{IdleConnTimeout: cli.Idle} // want `IdleConnTimeout is 10m by default \(kong default of Idle\)`
}

// Negative (dynamic): a default kong cannot parse.
func badDefault() *http.Transport {
	return &http.Transport{IdleConnTimeout: cli.Bad}
}
