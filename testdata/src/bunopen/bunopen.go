// Package bunopen: bun.NewDB wraps a *sql.DB, and *bun.DB embeds it: the
// setters on the bun.DB are the pool's.
package bunopen

import (
	"database/sql"
	"time"

	"github.com/uptrace/bun"
	"github.com/uptrace/bun/dialect/pgdialect"
	"github.com/uptrace/bun/driver/pgdriver"
)

// bun's own driver has no verdict: judged by the settings.
func open(dsn string) *bun.DB {
	db := bun.NewDB(sql.OpenDB(pgdriver.NewConnector(pgdriver.WithDSN(dsn))), pgdialect.New()) // want `database/sql pool from sql.OpenDB has no SetConnMaxIdleTime or SetConnMaxLifetime`
	return db
}

func bounded(dsn string) *bun.DB {
	db := bun.NewDB(sql.OpenDB(pgdriver.NewConnector(pgdriver.WithDSN(dsn))), pgdialect.New())
	db.SetConnMaxIdleTime(time.Minute)
	return db
}

func overVar(dsn string) (*bun.DB, error) {
	sqldb, err := sql.Open("postgres", dsn)
	if err != nil {
		return nil, err
	}
	db := bun.NewDB(sqldb, pgdialect.New())
	db.SetConnMaxLifetime(5 * time.Minute)
	return db, nil
}
