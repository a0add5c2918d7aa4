// Package billing bounds the pools it opens through a wrapper: by a setter
// of its own, or by a configurer of the wrapper's package.
package billing

import (
	"database/sql"
	"time"

	"facts/dbpkg"
)

type Ledger struct {
	db *sql.DB
}

func New(dsn string) (*Ledger, error) {
	db, err := dbpkg.Open(dsn)
	if err != nil {
		return nil, err
	}
	db.SetConnMaxIdleTime(2 * time.Minute)
	return &Ledger{db: db}, nil
}

func NewConfigured(dsn string) (*Ledger, error) {
	db, err := dbpkg.Open(dsn)
	if err != nil {
		return nil, err
	}
	dbpkg.Configure(db)
	return &Ledger{db: db}, nil
}

// A bad limit set here is reported here.
func NewForever(dsn string) (*Ledger, error) {
	db, err := dbpkg.Open(dsn)
	if err != nil {
		return nil, err
	}
	db.SetConnMaxIdleTime(0) // want `SetConnMaxIdleTime\(0s\) means no limit`
	return &Ledger{db: db}, nil
}
