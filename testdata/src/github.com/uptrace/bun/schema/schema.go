// Package schema is a stub of github.com/uptrace/bun/schema for fixtures.
package schema

import "database/sql"

type Dialect interface {
	Name() string
	Init(db *sql.DB)
}
