// Package latest is production code whose name ends in "test": the old
// default -skip-pkgs pattern skipped it silently (issue 14).
package latest

import "net/http"

// Client fetches the latest release.
var Client = &http.Client{Transport: &http.Transport{}} // want `\(no-idle-timeout\)$`
