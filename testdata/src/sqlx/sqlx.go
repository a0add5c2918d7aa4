package sqlx

import (
	"database/sql"
	"time"

	"github.com/jmoiron/sqlx"
)

func open(dsn string) (*sqlx.DB, error) {
	db, err := sqlx.Open("postgres", dsn) // want `database/sql pool from sqlx.Open has no SetConnMaxIdleTime or SetConnMaxLifetime`
	if err != nil {
		return nil, err
	}
	return db, nil
}

func connect(dsn string) (*sqlx.DB, error) {
	db, err := sqlx.Connect("postgres", dsn)
	if err != nil {
		return nil, err
	}
	db.SetConnMaxIdleTime(time.Minute)
	return db, nil
}

func mustOpen(dsn string) *sqlx.DB {
	return sqlx.MustOpen("mysql", dsn) // want `sqlx.MustOpen has no SetConnMaxIdleTime or SetConnMaxLifetime`
}

func mustConnect(dsn string) *sqlx.DB {
	db := sqlx.MustConnect("mysql", dsn)
	db.DB.SetConnMaxLifetime(time.Minute)
	return db
}

func newDbOverLocal(dsn string) *sqlx.DB {
	raw, _ := sql.Open("postgres", dsn)
	db := sqlx.NewDb(raw, "postgres")
	db.SetConnMaxIdleTime(time.Minute)
	return db
}

func newDbOverParam(raw *sql.DB) *sqlx.DB {
	return sqlx.NewDb(raw, "postgres") // want `sqlx.NewDb has no SetConnMaxIdleTime or SetConnMaxLifetime`
}

func sqliteX() *sqlx.DB {
	return sqlx.MustOpen("sqlite3", ":memory:")
}
