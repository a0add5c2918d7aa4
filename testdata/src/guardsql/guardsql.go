// Package guardsql: database/sql setters under guards, both directions.
package guardsql

import (
	"database/sql"
	"time"
)

// Positive: SetMaxIdleConns only when positive keeps idle connections on
// that path, and the default (two) on the other; no limit is set.
func positiveIdleCount(dsn string, n int) *sql.DB {
	db, _ := sql.Open("postgres", dsn) // want `has no SetConnMaxIdleTime or SetConnMaxLifetime`
	if n > 0 {
		db.SetMaxIdleConns(n)
	}
	return db
}

// Negative: no idle connection on either path, the guard says n <= 0.
func nonPositiveIdleCount(dsn string, n int) *sql.DB {
	db, _ := sql.Open("postgres", dsn)
	if n <= 0 {
		db.SetMaxIdleConns(n)
	} else {
		db.SetMaxIdleConns(0)
	}
	return db
}

// Negative (dynamic): an unguarded count may be zero.
func unguardedIdleCount(dsn string, n int) *sql.DB {
	db, _ := sql.Open("postgres", dsn)
	db.SetMaxIdleConns(n)
	return db
}

// Negative: the limit is in (0, 2m) on one path, a constant on the other.
func boundedLimit(dsn string, d time.Duration) *sql.DB {
	db, _ := sql.Open("postgres", dsn)
	if d > 0 && d < 2*time.Minute {
		db.SetConnMaxIdleTime(d)
	} else {
		db.SetConnMaxIdleTime(time.Minute)
	}
	return db
}

// Positive: the setter is called only when the limit is zero.
func zeroLimit(dsn string, d time.Duration) *sql.DB {
	db, _ := sql.Open("postgres", dsn)
	db.SetConnMaxLifetime(time.Minute)
	if d == 0 {
		db.SetConnMaxLifetime(d) // want `SetConnMaxLifetime\(d\) with d at most 0s here means no limit`
	}
	return db
}

// Negative: an early return rejects limits outside (0, 5m].
func earlyReturn(dsn string, d time.Duration) *sql.DB {
	if d <= 0 || d > 5*time.Minute {
		return nil
	}
	db, _ := sql.Open("postgres", dsn)
	db.SetConnMaxLifetime(d)
	return db
}
