// Package sql is a stub of entgo.io/ent/dialect/sql for fixtures.
package sql

import "database/sql"

type Driver struct {
	db      *sql.DB
	dialect string
}

func Open(dialect, source string) (*Driver, error) { return &Driver{dialect: dialect}, nil }

func OpenDB(dialect string, db *sql.DB) *Driver { return &Driver{db: db, dialect: dialect} }

func (d Driver) DB() *sql.DB { return d.db }

func (d *Driver) Close() error { return nil }
