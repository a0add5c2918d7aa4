// Package typeerr does not type-check: keepalivelint reports the error the
// way go vet does and still analyzes the other packages.
package typeerr

import "net/http"

// Client is never built: the string is not an *http.Transport.
var Client = &http.Client{Transport: "not a transport"}
