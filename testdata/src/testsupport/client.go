// Package testsupport mixes production code with test support that is not
// in a _test.go file.
package testsupport

import "net/http"

// Client is production code.
var Client = &http.Client{Transport: &http.Transport{}} // want `\(no-idle-timeout\)$`
