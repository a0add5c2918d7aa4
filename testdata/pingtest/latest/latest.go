// Package latest fetches the latest release: production code.
package latest

import "net/http"

// Client fetches releases.
var Client = &http.Client{Transport: &http.Transport{}}
