// Package clidefaults: urfave/cli flags declared as literals and read by
// name (v2: *cli.Context, v3: *cli.Command), or through Destination.
package clidefaults

import (
	"context"
	"net/http"
	"time"

	"github.com/urfave/cli/v2"
	cliv3 "github.com/urfave/cli/v3"
)

var destIdle time.Duration

func App() *cli.App {
	return &cli.App{
		Flags: []cli.Flag{
			&cli.DurationFlag{Name: "upstream-idle", Value: 20 * time.Minute},
			&cli.DurationFlag{Name: "fast-idle", Value: 30 * time.Second},
			&cli.DurationFlag{Name: "dest-idle", Value: time.Hour, Destination: &destIdle},
			&cli.DurationFlag{Name: "no-value"},
		},
		Action: run,
	}
}

func run(c *cli.Context) error {
	up = &http.Transport{IdleConnTimeout: c.Duration("upstream-idle")} // want `http.Transport IdleConnTimeout is 1200s by default \(default of urfave/cli flag --upstream-idle\)`
	fast = &http.Transport{IdleConnTimeout: c.Duration("fast-idle")}
	none = &http.Transport{IdleConnTimeout: c.Duration("no-value")}     // want `IdleConnTimeout is 0 by default \(default of urfave/cli flag --no-value\)`
	unknown = &http.Transport{IdleConnTimeout: c.Duration("elsewhere")} // dynamic: declared out of sight
	dest = &http.Transport{IdleConnTimeout: destIdle}                   // want `IdleConnTimeout is 3600s by default \(default of urfave/cli flag --dest-idle\)`
	return nil
}

// The transports the service keeps.
var up, fast, none, unknown, dest, t3 *http.Transport

func Command() *cliv3.Command {
	return &cliv3.Command{
		Flags:  []cliv3.Flag{&cliv3.DurationFlag{Name: "v3-idle", Value: 15 * time.Minute}},
		Action: run3,
	}
}

func run3(ctx context.Context, cmd *cliv3.Command) error {
	t3 = &http.Transport{IdleConnTimeout: cmd.Duration("v3-idle")} // want `IdleConnTimeout is 900s by default \(default of urfave/cli flag --v3-idle\)`
	return nil
}
