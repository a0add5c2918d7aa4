// Package awsnat is analyzed with the default settings (max-idle 350s).
package awsnat

import (
	"net/http"
	"time"
)

var tooLong = &http.Transport{IdleConnTimeout: 400 * time.Second} // want `IdleConnTimeout`

var missing = &http.Transport{} // want `^http.Transport has no IdleConnTimeout`

var fine = &http.Transport{IdleConnTimeout: 90 * time.Second}
