// Package bun is a stub of github.com/uptrace/bun for fixtures.
package bun

import (
	"database/sql"

	"github.com/uptrace/bun/schema"
)

type DBOption func(db *DB)

type noCopyState struct {
	*sql.DB
	dialect schema.Dialect
}

// DB embeds *sql.DB through noCopyState, as bun v1.2 and later do.
type DB struct {
	*noCopyState
}

func NewDB(sqldb *sql.DB, dialect schema.Dialect, opts ...DBOption) *DB {
	return &DB{&noCopyState{DB: sqldb, dialect: dialect}}
}
