// Package stdlib is a stub of github.com/jackc/pgx's stdlib for fixtures.
package stdlib

import "database/sql"

type ConnConfig struct{ Host string }

type Pool struct{}

type OptionOpenDB func()

func OpenDB(config ConnConfig, opts ...OptionOpenDB) *sql.DB  { return &sql.DB{} }
func OpenDBFromPool(pool *Pool, opts ...OptionOpenDB) *sql.DB { return &sql.DB{} }
