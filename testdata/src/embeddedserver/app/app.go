// Package app configures the house server of another package through its
// setter methods.
package app

import (
	"time"

	"embeddedserver/flags"
	"embeddedserver/house"
)

// Positive: the setter's argument, by the method's fact, reported where
// it is given.
func public() error {
	s := house.NewServer("public")
	s.UseIdleTimeout(30 * time.Second) // want `http.Server closes idle connections after 30s \(IdleTimeout\)`
	return s.ListenAndServe()
}

// Positive: only a ReadTimeout, reported at the factory's call.
func admin() error {
	s := house.NewServer("admin") // want `http.Server closes idle connections after 5s \(ReadTimeout, since IdleTimeout is unset\)`
	s.UseReadTimeout(5 * time.Second)
	return s.ListenAndServe()
}

// Negative: above the balancer's.
func tuned() error {
	s := house.NewServer("tuned")
	s.UseReadTimeout(5 * time.Second)
	s.UseIdleTimeout(2 * time.Minute)
	return s.ListenAndServe()
}

// Positive: the flag of another package, judged by its default (45s,
// below the balancer's 60s), which that package's fact carries.
func flagged() error {
	s := house.NewServer("flagged")
	s.UseIdleTimeout(*flags.Idle) // want `http.Server closes idle connections after 45s \(IdleTimeout by default: default of flag -idle in flags\)`
	return s.ListenAndServe()
}

// Negative: that package's other flag defaults to 2m, above the balancer's.
func flaggedLong() error {
	s := house.NewServer("flaggedLong")
	s.UseIdleTimeout(*flags.LongIdle)
	return s.ListenAndServe()
}

// Negative: a flag whose pointer is also taken in its package (it may be
// replaced there) has no default another package can count on.
func flaggedShared() error {
	s := house.NewServer("flaggedShared")
	s.UseIdleTimeout(*flags.Shared)
	return s.ListenAndServe()
}
