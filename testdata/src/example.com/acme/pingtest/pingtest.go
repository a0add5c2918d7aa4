// Package pingtest is a whole production module (example.com/acme/pingtest,
// a service that pings hosts) that the old default -skip-pkgs pattern
// skipped silently.
package pingtest

import (
	"net/http"
	"time"
)

func NewClient() *http.Client {
	return &http.Client{Transport: &http.Transport{IdleConnTimeout: 10 * time.Minute}} // want `\(idle-timeout-too-long\)$`
}
