// Package pingtest is a production module whose name ends in "test": the
// old default -skip-pkgs pattern skipped all of it without a word.
package pingtest

import "net/http"

// Client pings the hosts.
var Client = &http.Client{Transport: &http.Transport{}}
