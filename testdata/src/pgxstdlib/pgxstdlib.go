package pgxstdlib

import (
	"database/sql"
	"time"

	stdlib4 "github.com/jackc/pgx/v4/stdlib"
	"github.com/jackc/pgx/v5/stdlib"
)

func v5(cfg stdlib.ConnConfig) *sql.DB {
	db := stdlib.OpenDB(cfg) // want `database/sql pool from stdlib.OpenDB has no SetConnMaxIdleTime or SetConnMaxLifetime`
	return db
}

func v5Pool(p *stdlib.Pool) *sql.DB {
	db := stdlib.OpenDBFromPool(p)
	db.SetConnMaxIdleTime(30 * time.Second)
	return db
}

func v4(cfg stdlib4.ConnConfig) *sql.DB {
	return stdlib4.OpenDB(cfg) // want `stdlib.OpenDB has no SetConnMaxIdleTime or SetConnMaxLifetime`
}
