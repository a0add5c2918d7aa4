package appnodriver

// appnodriver links no driver that heals: "pgx" may be v4 or v5 (a main
// package above may link either, out of sight here).

import (
	"database/sql"

	"sqldriverfacts/dbwrap"
)

var pool *sql.DB

func open(dsn string) (err error) {
	pool, err = dbwrap.Open(dsn) // want `database/sql pool from dbwrap.Open has no SetConnMaxIdleTime or SetConnMaxLifetime`
	return err
}
