//go:build ignore

package main

import "net/http"

// Never built: a type error here must not matter.
var Ignored = &http.Transport{MaxIdleConns: "not a number"}
