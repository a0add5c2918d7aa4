package sqldriverold

// Package sqldriverold vendors pgx v5.4 (no OpenDBFromPool): its
// ResetSession does not ping, so its pools are judged by their settings.

import (
	"database/sql"

	"github.com/jackc/pgx/v5/stdlib"
)

func byName(dsn string) (*sql.DB, error) {
	return sql.Open("pgx", dsn) // want `has no SetConnMaxIdleTime or SetConnMaxLifetime`
}

func byOpener(cfg stdlib.ConnConfig) *sql.DB {
	return stdlib.OpenDB(cfg) // want `database/sql pool from stdlib.OpenDB has no SetConnMaxIdleTime`
}
