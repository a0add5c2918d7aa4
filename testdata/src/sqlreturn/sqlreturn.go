package sqlreturn

import (
	"database/sql"
	"time"
)

// open returns the pool; its caller in this package configures it.
func open(dsn string) (*sql.DB, error) {
	return sql.Open("postgres", dsn)
}

func Use(dsn string) (*sql.DB, error) {
	db, err := open(dsn)
	if err != nil {
		return nil, err
	}
	db.SetConnMaxIdleTime(time.Minute)
	return db, nil
}

// Open is exported and nobody here configures what it returns.
func Open(dsn string) (*sql.DB, error) {
	return sql.Open("postgres", dsn) // want `never closes idle connections.*no fix offered`
}
