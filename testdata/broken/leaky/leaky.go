// Package leaky type-checks and has a finding, next to a broken package.
package leaky

import "net/http"

// Client pools idle connections with no idle timeout.
var Client = &http.Client{Transport: &http.Transport{}}
