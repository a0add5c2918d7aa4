// Package guards: values that are not constants, judged by the conditions
// that dominate their use.
package guards

import (
	"errors"
	"net/http"
	"time"
)

const limit = 5 * time.Minute

// Negative: assigned only when in (0, limit), a constant otherwise.
func bounded(d time.Duration) *http.Transport {
	t := &http.Transport{}
	if d > 0 && d < limit {
		t.IdleConnTimeout = d
	} else {
		t.IdleConnTimeout = time.Minute
	}
	return t
}

// Negative: early returns exclude every value outside (0, limit).
func earlyReturns(d time.Duration) (*http.Transport, error) {
	if d <= 0 {
		return nil, errors.New("idle timeout must be positive")
	}
	if d >= limit {
		return nil, errors.New("idle timeout too long")
	}
	return &http.Transport{IdleConnTimeout: d}, nil
}

// Negative: one early return with ||.
func earlyReturnOr(d time.Duration) (*http.Transport, error) {
	if d <= 0 || d > time.Minute {
		return nil, errors.New("idle timeout out of range")
	}
	return &http.Transport{IdleConnTimeout: d}, nil
}

// Negative: the bound is read in seconds and scaled.
func seconds(n int) *http.Transport {
	t := &http.Transport{}
	if n >= 1 && n <= 120 {
		t.IdleConnTimeout = time.Duration(n) * time.Second
	} else {
		t.IdleConnTimeout = time.Minute
	}
	return t
}

// Positive: assigned only when it is at least an hour.
func atLeastAnHour(d time.Duration) *http.Transport {
	t := &http.Transport{IdleConnTimeout: time.Minute}
	if d >= time.Hour {
		t.IdleConnTimeout = d // want `http.Transport IdleConnTimeout is at least 3600s here, not below the 350s limit`
	}
	return t
}

// Positive: assigned only when it is not positive.
func notPositive(d time.Duration) *http.Transport {
	t := &http.Transport{IdleConnTimeout: time.Minute}
	if !(d > 0) {
		t.IdleConnTimeout = d // want `IdleConnTimeout is at most 0s here, which means no limit`
	}
	return t
}

// Negative (dynamic): positive, but possibly past the limit.
func positiveOnly(d time.Duration) (*http.Transport, error) {
	if d <= 0 {
		return nil, errors.New("idle timeout must be positive")
	}
	return &http.Transport{IdleConnTimeout: d}, nil
}

// Negative (dynamic): a guard on another variable says nothing.
func otherGuard(d, e time.Duration) *http.Transport {
	if e > 0 && e < limit {
		return &http.Transport{IdleConnTimeout: d}
	}
	return &http.Transport{IdleConnTimeout: time.Minute}
}

// Positive: the assignment is guarded by d != 0, and the other path keeps
// no timeout at all.
func nonZero(d time.Duration) *http.Transport {
	t := &http.Transport{} // want `has no IdleConnTimeout on some paths`
	if d != 0 {
		t.IdleConnTimeout = d
	}
	return t
}

// Negative: a tagless switch case is a guard.
func switchGuard(d time.Duration) *http.Transport {
	t := &http.Transport{}
	switch {
	case d > 0 && d < limit:
		t.IdleConnTimeout = d
	default:
		t.IdleConnTimeout = time.Minute
	}
	return t
}

// Negative: a guard through a variable written once.
func throughVariable(d time.Duration) *http.Transport {
	idle := d
	t := &http.Transport{IdleConnTimeout: time.Minute}
	if idle > time.Second && idle < time.Minute {
		t.IdleConnTimeout = idle
	}
	return t
}
