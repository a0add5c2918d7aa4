package sqldriverimport // want package:"drivers\\(github.com/go-sql-driver/mysql=fails, github.com/jackc/pgx/v5/stdlib=heals\\)"

// Package sqldriverimport: "pgx" is registered by pgx v4 and v5; the
// driver package the program links decides which one opens the pool.

import (
	"database/sql"
	"time"

	_ "github.com/go-sql-driver/mysql"
	_ "github.com/jackc/pgx/v5/stdlib"
)

func pgx(dsn string) (*sql.DB, error) {
	return sql.Open("pgx", dsn)
}

// A linked pgx v5 says nothing about another name.
func mysql(dsn string) (*sql.DB, error) {
	return sql.Open("mysql", dsn) // want `has no SetConnMaxIdleTime or SetConnMaxLifetime`
}

// A bound that is too long is still reported on a driver that fails.
func mysqlLong(dsn string) (*sql.DB, error) {
	db, err := sql.Open("mysql", dsn)
	if err != nil {
		return nil, err
	}
	db.SetConnMaxLifetime(9 * time.Minute) // want `SetConnMaxLifetime\(540s\) is not below the 350s limit`
	return db, nil
}
