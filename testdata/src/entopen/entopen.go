// Package entopen: entsql.Open opens a pool behind an ent driver, whose
// DB() returns it; entsql.OpenDB wraps a pool opened elsewhere.
package entopen

import (
	"database/sql"
	"time"

	entsql "entgo.io/ent/dialect/sql"
)

func open(dsn string) (*entsql.Driver, error) {
	drv, err := entsql.Open("mysql", dsn) // want `database/sql pool from sql.Open has no SetConnMaxIdleTime or SetConnMaxLifetime: .*on drv.DB\(\)`
	return drv, err
}

func bounded(dsn string) (*entsql.Driver, error) {
	drv, err := entsql.Open("mysql", dsn)
	if err != nil {
		return nil, err
	}
	db := drv.DB()
	db.SetConnMaxIdleTime(time.Minute)
	return drv, nil
}

func chained(dsn string) (*entsql.Driver, error) {
	drv, err := entsql.Open("postgres", dsn)
	if err != nil {
		return nil, err
	}
	drv.DB().SetConnMaxLifetime(time.Minute)
	return drv, nil
}

func wrapped(dsn string) (*entsql.Driver, error) {
	db, err := sql.Open("postgres", dsn)
	if err != nil {
		return nil, err
	}
	drv := entsql.OpenDB("postgres", db)
	drv.DB().SetConnMaxIdleTime(time.Minute)
	return drv, nil
}

func sqlite(path string) (*entsql.Driver, error) {
	return entsql.Open("sqlite3", path)
}
