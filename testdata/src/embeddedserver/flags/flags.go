// Package flags holds the service's command-line flags.
package flags

import (
	"flag"
	"time"
)

// Idle is the servers' idle timeout: 45s unless the command line sets it.
var Idle = flag.Duration("idle", 45*time.Second, "idle timeout of keep-alive connections")
