// Package e2e is a test-helper package (e2e-tests): quiet unless
// -report-tests.
package e2e

import "net/http"

// Client drives the end-to-end tests.
var Client = &http.Client{Transport: &http.Transport{}}
