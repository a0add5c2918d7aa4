// Package legacy is skipped by the user's own -skip-pkgs pattern.
package legacy

import "net/http"

var Transport = &http.Transport{}
