package factorycallers // want package:"pools"

// Package factorycallers holds package factories whose pool is kept
// differently by each caller: a close, a write or a handoff by one caller
// belongs to that caller's pool, not to every pool the factory makes. The
// factory's pool is judged per caller, on that caller's paths, and
// reported at the factory when any caller keeps an unbounded pool.

import (
	"database/sql"
	"net/http"
	"time"
)

// newTransport returns a transport with no IdleConnTimeout. fetchOnce
// uses its copy once and closes it; keepForever keeps its copy for the
// life of the process and only tunes MaxIdleConnsPerHost (-1 on one
// branch, 1024 on the other): reported.
func newTransport() *http.Transport {
	return &http.Transport{} // want `\(no-idle-timeout\)$`
}

func fetchOnce(req *http.Request) error {
	t := newTransport()
	defer t.CloseIdleConnections()
	_, err := t.RoundTrip(req)
	return err
}

var shared *http.Client

func keepForever(noPool bool) {
	t := newTransport()
	if noPool {
		t.MaxIdleConnsPerHost = -1
	} else {
		t.MaxIdleConnsPerHost = 1024
	}
	shared = &http.Client{Transport: t}
}

// newBase: every caller either closes its copy or bounds it: quiet.
func newBase() *http.Transport {
	t := &http.Transport{MaxIdleConns: 10}
	return t
}

func closesIt(req *http.Request) {
	t := newBase()
	defer t.CloseIdleConnections()
	_, _ = t.RoundTrip(req)
}

var bounded *http.Client

func boundsIt() {
	t := newBase()
	t.IdleConnTimeout = 90 * time.Second
	bounded = &http.Client{Transport: t}
}

// newPartial: its one caller bounds it on one branch only, so the pool
// it keeps on the other is unbounded: reported.
func newPartial() *http.Transport {
	return &http.Transport{} // want `\(no-idle-timeout\)$`
}

var partial *http.Client

func boundsOnOneBranch(fast bool) {
	t := newPartial()
	if fast {
		t.IdleConnTimeout = 30 * time.Second
	}
	partial = &http.Client{Transport: t}
}

// openDB: one caller pings and closes, the other keeps the pool with no
// idle limit: reported.
func openDB(dsn string) (*sql.DB, error) {
	db, err := sql.Open("postgres", dsn) // want `\(sql-no-idle-limit\)$`
	return db, err
}

func check(dsn string) error {
	db, err := openDB(dsn)
	if err != nil {
		return err
	}
	defer func() { _ = db.Close() }()
	return db.Ping()
}

var store *sql.DB

func connect(dsn string) {
	db, _ := openDB(dsn)
	store = db
}

// openBounded: its kept caller sets an idle limit, its other caller
// closes: quiet.
func openBounded(dsn string) (*sql.DB, error) {
	return sql.Open("postgres", dsn)
}

func checkBounded(dsn string) error {
	db, err := openBounded(dsn)
	if err != nil {
		return err
	}
	defer db.Close()
	return db.Ping()
}

var boundedStore *sql.DB

func connectBounded(dsn string) {
	db, _ := openBounded(dsn)
	db.SetConnMaxIdleTime(time.Minute)
	boundedStore = db
}

// NewTransport is exported: callers out of sight keep it as it returns
// it, whatever its in-package caller does. Reported.
func NewTransport() *http.Transport { // want NewTransport:`pool\(returns net/http.Transport {}\)`
	return &http.Transport{} // want `\(no-idle-timeout\)$`
}

var exported *http.Client

func useExported() {
	t := NewTransport()
	t.IdleConnTimeout = time.Minute
	exported = &http.Client{Transport: t}
}

// newInline: a caller that uses the result without keeping it in a
// variable is out of sight, as the package keeps nothing to judge: the
// pool is judged as the factory returns it. Reported.
func newInline() *http.Transport {
	return &http.Transport{} // want `\(no-idle-timeout\)$`
}

var inline = &http.Client{Transport: newInline()}

func closesInline(req *http.Request) {
	t := newInline()
	defer t.CloseIdleConnections()
	_, _ = t.RoundTrip(req)
}

// newTwice: one caller keeps either of two calls' results in the same
// variable and bounds it: quiet.
func newTwice() *http.Transport {
	return &http.Transport{}
}

var twice *http.Client

func keepsEither(a bool) {
	var t *http.Transport
	if a {
		t = newTwice()
	} else {
		t = newTwice()
	}
	t.IdleConnTimeout = time.Minute
	twice = &http.Client{Transport: t}
}
