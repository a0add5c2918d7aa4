package sqldecoys

import (
	"database/sql"
	"time"
)

// fakePool has look-alike setters: calling them configures nothing.
type fakePool struct{}

func (fakePool) SetConnMaxIdleTime(time.Duration) {}
func (fakePool) SetMaxIdleConns(int)              {}

func decoy(dsn string) *sql.DB {
	var f fakePool
	f.SetConnMaxIdleTime(0)
	db, _ := sql.Open("postgres", dsn) // want `has no SetConnMaxIdleTime or SetConnMaxLifetime`
	f.SetConnMaxIdleTime(time.Minute)
	return db
}

// Open is a look-alike opener of another package path.
func Open(driver, dsn string) (*sql.DB, error) { return nil, nil }

func useLocalOpen() *sql.DB {
	db, _ := Open("postgres", "dsn")
	return db
}
