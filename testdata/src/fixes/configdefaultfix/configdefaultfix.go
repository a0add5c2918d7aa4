// Package configdefaultfix: a default that a flag gives is lowered where
// the flag is declared; one written as a string or scaled by its reader is
// not replaced.
package configdefaultfix

import (
	"flag"
	"net/http"
	"time"

	"github.com/spf13/viper"
	"github.com/urfave/cli/v2"
)

var (
	idle    = flag.Duration("idle", 30*time.Minute, "idle timeout")
	seconds = flag.Int("idle-seconds", 600, "idle timeout in seconds")
)

func init() {
	viper.SetDefault("pool.idle", 20*time.Minute)
}

var flags = []cli.Flag{&cli.DurationFlag{Name: "cli-idle", Value: time.Hour}}

func transports(c *cli.Context) []*http.Transport {
	return []*http.Transport{
		{IdleConnTimeout: *idle},                                 // want `IdleConnTimeout is 1800s by default \(default of flag -idle\)`
		{IdleConnTimeout: time.Duration(*seconds) * time.Second}, // want `IdleConnTimeout is 600s by default \(default of flag -idle-seconds\)`
		{IdleConnTimeout: viper.GetDuration("pool.idle")},        // want `IdleConnTimeout is 1200s by default \(viper default of "pool.idle"\)`
		{IdleConnTimeout: c.Duration("cli-idle")},                // want `IdleConnTimeout is 3600s by default \(default of urfave/cli flag --cli-idle\)`
	}
}
