// Package sqlx is a stub of github.com/jmoiron/sqlx for fixtures. Connect
// opens its pool with Open, as the real one does: an opener built on an
// opener of its own package is not a finding (found on database/sql, whose
// Open calls OpenDB).
package sqlx

import "database/sql"

type DB struct {
	*sql.DB
	driverName string
}

func Open(driverName, dataSourceName string) (*DB, error)    { return &DB{}, nil }
func Connect(driverName, dataSourceName string) (*DB, error) { return Open(driverName, dataSourceName) }
func MustOpen(driverName, dataSourceName string) *DB         { return &DB{} }
func MustConnect(driverName, dataSourceName string) *DB      { return &DB{} }
func NewDb(db *sql.DB, driverName string) *DB                { return &DB{DB: db, driverName: driverName} }
