// Package serverlimits is judged behind Envoy (-balancer-idle=envoy, 1h).
package serverlimits

import (
	"net/http"
	"time"
)

var tenMinutes = &http.Server{IdleTimeout: 10 * time.Minute} // want `http.Server closes idle connections after 600s \(IdleTimeout\), before the balancer's 3600s; set IdleTimeout above it, e.g. 75 \* time.Minute`

var twoHours = &http.Server{IdleTimeout: 2 * time.Hour}

var noIdle = &http.Server{ReadHeaderTimeout: 5 * time.Second}
