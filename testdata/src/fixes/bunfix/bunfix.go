package bunfix

import (
	"database/sql"

	"github.com/uptrace/bun"
	"github.com/uptrace/bun/dialect/pgdialect"
	"github.com/uptrace/bun/driver/pgdriver"
)

// *bun.DB embeds the *sql.DB: the setter goes on it.
func open(dsn string) *bun.DB {
	db := bun.NewDB(sql.OpenDB(pgdriver.NewConnector(pgdriver.WithDSN(dsn))), pgdialect.New()) // want `database/sql pool from sql.OpenDB has no SetConnMaxIdleTime or SetConnMaxLifetime`
	return db
}
