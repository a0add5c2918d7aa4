// Package app builds servers and has them configured by package lib.
package app

import (
	"net/http"

	"serverfacts/lib"
)

func hardened() *http.Server {
	s := &http.Server{Addr: ":8080"} // want `http.Server closes idle connections after 10s \(ReadTimeout, since IdleTimeout is unset\)`
	lib.Harden(s)
	return s
}

func tuned() *http.Server {
	s := &http.Server{Addr: ":8080"}
	lib.Tune(s)
	return s
}
