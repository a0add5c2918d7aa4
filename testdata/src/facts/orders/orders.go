// Package orders keeps a pool from an opener wrapper and never bounds it.
package orders

import (
	"database/sql"

	"facts/dbpkg"
)

type Store struct {
	db *sql.DB
}

func New(dsn string) (*Store, error) {
	db, err := dbpkg.Open(dsn) // want `database/sql pool from dbpkg.Open has no SetConnMaxIdleTime or SetConnMaxLifetime`
	if err != nil {
		return nil, err
	}
	return &Store{db: db}, nil
}

// The bounded opener needs nothing from its caller.
func NewBounded(dsn string) (*Store, error) {
	db, err := dbpkg.OpenBounded(dsn)
	if err != nil {
		return nil, err
	}
	return &Store{db: db}, nil
}
