// Package serversoff is judged with -balancer-idle=off: no balancer pools
// connections to its servers, so none is reported.
package serversoff

import (
	"net/http"
	"time"
)

var readOnly = &http.Server{ReadTimeout: 10 * time.Second}

var short = &http.Server{IdleTimeout: time.Second}
