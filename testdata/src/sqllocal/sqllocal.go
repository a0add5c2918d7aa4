package sqllocal

import (
	"database/sql"
	"time"
)

func noSetter(dsn string) (*sql.DB, error) {
	db, err := sql.Open("postgres", dsn) // want `database/sql pool from sql.Open has no SetConnMaxIdleTime or SetConnMaxLifetime`
	if err != nil {
		return nil, err
	}
	return db, nil
}

func idleTime(dsn string) (*sql.DB, error) {
	db, err := sql.Open("postgres", dsn)
	if err != nil {
		return nil, err
	}
	db.SetConnMaxIdleTime(90 * time.Second)
	return db, nil
}

func lifetime(dsn string) (*sql.DB, error) {
	db, err := sql.Open("mysql", dsn)
	if err != nil {
		return nil, err
	}
	db.SetConnMaxLifetime(5 * time.Minute)
	return db, nil
}

// lifetimeZeroButIdleSet: the idle limit makes the pool safe; a zero
// lifetime is the default and no finding.
func lifetimeZeroButIdleSet(dsn string) *sql.DB {
	db, _ := sql.Open("mysql", dsn)
	db.SetConnMaxLifetime(0)
	db.SetConnMaxIdleTime(time.Minute)
	return db
}

func noIdleConns(dsn string) *sql.DB {
	db, _ := sql.Open("mysql", dsn)
	db.SetMaxIdleConns(0)
	return db
}

func someIdleConns(dsn string) *sql.DB {
	db, _ := sql.Open("mysql", dsn) // want `has no SetConnMaxIdleTime or SetConnMaxLifetime`
	db.SetMaxIdleConns(10)
	return db
}

func varDecl(dsn string) *sql.DB {
	var db, _ = sql.Open("mysql", dsn) // want `has no SetConnMaxIdleTime or SetConnMaxLifetime`
	return db
}

func openDB(c interface{ Connect() }) *sql.DB {
	return sql.OpenDB(nil) // want `database/sql pool from sql.OpenDB has no SetConnMaxIdleTime or SetConnMaxLifetime.*no fix offered`
}
