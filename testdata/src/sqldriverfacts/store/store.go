package store // want package:"drivers\\(github.com/jackc/pgx/v5/stdlib=heals\\)"

// Package store opens "pgx" without importing a driver: the driver pgx v5
// is linked below it (dbinit's Drivers fact), so the pool heals.

import (
	"database/sql"

	"sqldriverfacts/dbinit"
)

var pool, pqPool *sql.DB

func open(dsn string) (err error) {
	if !dbinit.Ready() {
		return nil
	}
	pool, err = sql.Open("pgx", dsn)
	return err
}

// "postgres" is lib/pq's name, linked or not.
func openPQ(dsn string) (err error) {
	pqPool, err = sql.Open("postgres", dsn) // want `has no SetConnMaxIdleTime or SetConnMaxLifetime`
	return err
}
