package sqlreturn // want package:"pools"

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

// Open is exported: the pool goes to callers in other packages, who
// configure it as they would one from sql.Open. Out of sight: quiet (found
// on pressly/goose OpenDBWithDriver); -strict reports it.
func Open(dsn string) (*sql.DB, error) { // want Open:`pool\(opens database/sql.DB driver postgres\)`
	return sql.Open("postgres", dsn)
}

// openVar returns the pool through a variable; its caller configures it.
func openVar(dsn string) (*sql.DB, error) {
	db, err := sql.Open("postgres", dsn)
	if err != nil {
		return nil, err
	}
	return db, nil
}

func UseVar(dsn string) *sql.DB {
	db, _ := openVar(dsn)
	db.SetConnMaxLifetime(time.Minute)
	return db
}

// openVarUnconfigured returns the pool through a variable; nobody here
// configures it.
func openVarUnconfigured(dsn string) (*sql.DB, error) {
	db, err := sql.Open("postgres", dsn) // want `has no SetConnMaxIdleTime or SetConnMaxLifetime`
	if err != nil {
		return nil, err
	}
	return db, nil
}

var _, _ = openVarUnconfigured("")
