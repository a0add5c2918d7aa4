package sqldriverimportv4

// Package sqldriverimportv4: with pgx v4's stdlib linked, "pgx" opens a
// pool that fails after a reset (TestDriverPgxV4Stdlib); with both
// versions linked, which one registered "pgx" first is not known.

import (
	"database/sql"

	_ "github.com/jackc/pgx/v4/stdlib"
)

func pgx(dsn string) (*sql.DB, error) {
	return sql.Open("pgx", dsn) // want `has no SetConnMaxIdleTime or SetConnMaxLifetime`
}
