// Package gcpnat is analyzed with max-idle: gcp-nat (1200s).
package gcpnat

import (
	"net/http"
	"time"
)

var fine = &http.Transport{IdleConnTimeout: 400 * time.Second}

var missing = &http.Transport{} // want `^http.Transport has no IdleConnTimeout`
