package dbpkg // want package:"pools"

// Package dbpkg wraps sql.Open: its callers keep and configure the pool.

import (
	"database/sql"
	"time"
)

func Open(dsn string) (*sql.DB, error) { // want Open:`pool\(opens database/sql.DB driver postgres\)`
	return sql.Open("postgres", dsn)
}

// Configure bounds a pool's idle connections.
func Configure(db *sql.DB) { // want Configure:`pool\(param 0: SetConnMaxIdleTime=60000000000\)`
	db.SetConnMaxIdleTime(time.Minute)
}

// OpenBounded opens a pool and bounds it: nothing for callers to do.
func OpenBounded(dsn string) (*sql.DB, error) {
	db, err := sql.Open("postgres", dsn)
	if err != nil {
		return nil, err
	}
	db.SetConnMaxIdleTime(time.Minute)
	return db, nil
}
