package lib // want package:"pools"

// Package lib configures servers for its importers.

import (
	"net/http"
	"time"
)

// Harden sets a ReadTimeout against slow clients, and no IdleTimeout.
func Harden(s *http.Server) { // want Harden:"pool\\(param 0: ReadTimeout=10000000000\\)"
	s.ReadTimeout = 10 * time.Second
}

// Tune sets an IdleTimeout above a 60s balancer's.
func Tune(s *http.Server) { // want Tune:"pool\\(param 0: ReadTimeout=10000000000, IdleTimeout=120000000000\\)"
	s.ReadTimeout = 10 * time.Second
	s.IdleTimeout = 2 * time.Minute
}
