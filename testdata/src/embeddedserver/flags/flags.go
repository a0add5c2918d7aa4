// Package flags holds the service's command-line flags.
package flags

import (
	"flag"
	"time"
)

// Idle is the servers' idle timeout: 45s unless the command line sets it.
var Idle = flag.Duration("idle", 45*time.Second, "idle timeout of keep-alive connections") // want Idle:`flagdefault\(45000000000, default of flag -idle\)`

// LongIdle is an idle timeout above a balancer's.
var LongIdle = flag.Duration("long-idle", 2*time.Minute, "idle timeout behind a balancer") // want LongIdle:`flagdefault\(120000000000, default of flag -long-idle\)`

// Shared is replaced by Reset, so its default is not what it holds.
var Shared = flag.Duration("shared-idle", 10*time.Second, "idle timeout")

// Reset points Shared at d.
func Reset(d *time.Duration) { Shared = d }
