// Package core is a stub of github.com/xorm-io/xorm/core for fixtures.
package core

import "database/sql"

// DB embeds *sql.DB.
type DB struct {
	*sql.DB
}
