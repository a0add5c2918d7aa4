package fakes

import "net/http"

// Proxy is production code next to the fakes; its directive has a space
// after //, so it is not one.
var Proxy = &http.Transport{} // keepalivelint:ignore dials a sidecar on loopback
