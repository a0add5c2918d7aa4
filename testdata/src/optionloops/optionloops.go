// Package optionloops holds pools configured by options applied in a loop
// (for _, o := range opts { o(pool) }): the options are followed as
// values, over every caller, for every kind.
package optionloops

import (
	"database/sql"
	"net/http"
	"time"
)

// Option configures a transport.
type Option func(*http.Transport)

// WithIdle bounds idle connections: the closure's d is the argument of
// each call of WithIdle.
func WithIdle(d time.Duration) Option {
	return func(t *http.Transport) { t.IdleConnTimeout = d }
}

// withKeepAlivesOff keeps no idle connection.
func withKeepAlivesOff() Option {
	return func(t *http.Transport) { t.DisableKeepAlives = true }
}

// keepShort is a declared function used as an option.
func keepShort(t *http.Transport) { // want keepShort:"pool\\(param 0: IdleConnTimeout=30000000000\\)"
	t.IdleConnTimeout = 30 * time.Second
}

func newTransport(opts ...Option) *http.Transport {
	t := &http.Transport{}
	for _, o := range opts {
		o(t)
	}
	return t
}

// Negative: every caller bounds it.
func bounded() *http.Client {
	return &http.Client{Transport: newTransport(WithIdle(90 * time.Second))}
}

func boundedToo() *http.Client {
	return &http.Client{Transport: newTransport(keepShort)}
}

func newLong(opts ...Option) *http.Transport {
	t := &http.Transport{MaxIdleConns: 10}
	for _, o := range opts {
		o(t)
	}
	return t
}

// Positive: the argument is the value, reported where it is given.
func long() *http.Client {
	return &http.Client{Transport: newLong(WithIdle(10 * time.Minute))} // want `http.Transport IdleConnTimeout is 600s, not below the 350s limit`
}

func newMixed(opts ...Option) *http.Transport {
	t := &http.Transport{} // want `http.Transport has no IdleConnTimeout on some paths`
	for _, o := range opts {
		o(t)
	}
	return t
}

// Positive: one caller bounds it, the other passes nothing.
func mixedA() *http.Transport { return newMixed(WithIdle(time.Minute)) }
func mixedB() *http.Transport { return newMixed() }

func newCond(opts ...Option) *http.Transport {
	t := &http.Transport{} // want `http.Transport has no IdleConnTimeout on some paths`
	for _, o := range opts {
		o(t)
	}
	return t
}

// Positive: the caller adds the bound on some paths only.
func conditional(debug bool) *http.Transport {
	var opts []Option
	if debug {
		opts = append(opts, WithIdle(time.Minute))
	}
	return newCond(opts...)
}

func newAlways(opts ...Option) *http.Transport {
	t := &http.Transport{}
	for _, o := range opts {
		o(t)
	}
	return t
}

// Negative: the caller's slice holds the bound on every path, and another
// option on some.
func always(debug bool) *http.Transport {
	opts := []Option{WithIdle(time.Minute)}
	if debug {
		opts = append(opts, withKeepAlivesOff())
	}
	return newAlways(opts...)
}

func newOwn(opts ...Option) *http.Transport {
	opts = append([]Option{WithIdle(time.Minute)}, opts...)
	t := &http.Transport{}
	for _, o := range opts {
		o(t)
	}
	return t
}

// Negative: the factory adds its own bound before the caller's options.
func own() *http.Transport { return newOwn() }

// NewOpen is exported: its callers in other packages are out of sight,
// and one that passes no option gets no bound.
func NewOpen(opts ...Option) *http.Transport {
	t := &http.Transport{} // want `http.Transport has no IdleConnTimeout on some paths`
	for _, o := range opts {
		o(t)
	}
	return t
}

func open() *http.Transport { return NewOpen(WithIdle(time.Minute)) }

// applyOne applies one option parameter.
func applyOne(apply func(*http.Transport)) *http.Transport {
	t := &http.Transport{}
	apply(t)
	return t
}

// Negative: the one option bounds it.
func one() *http.Transport {
	return applyOne(func(t *http.Transport) { t.IdleConnTimeout = 45 * time.Second })
}

// DBOption configures a database/sql pool through its setters.
type DBOption func(*sql.DB)

func withMaxIdleTime(d time.Duration) DBOption {
	return func(db *sql.DB) { db.SetConnMaxIdleTime(d) }
}

func openDB(dsn string, opts ...DBOption) (*sql.DB, error) {
	db, err := sql.Open("postgres", dsn)
	if err != nil {
		return nil, err
	}
	for _, o := range opts {
		o(db)
	}
	return db, nil
}

// Positive: a setter's value from the option's argument.
func orders() (*sql.DB, error) {
	return openDB("orders", withMaxIdleTime(time.Hour)) // want `SetConnMaxIdleTime\(3600s\) is not below the 350s limit`
}
