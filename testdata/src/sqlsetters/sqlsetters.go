package sqlsetters

import (
	"database/sql"
	"time"
)

func zero(dsn string) *sql.DB {
	db, _ := sql.Open("postgres", dsn)
	db.SetConnMaxIdleTime(0) // want `SetConnMaxIdleTime\(0s\) means no limit`
	return db
}

func negativeLifetime(dsn string) *sql.DB {
	db, _ := sql.Open("postgres", dsn)
	db.SetConnMaxLifetime(-time.Second) // want `SetConnMaxLifetime\(-1s\) means no limit`
	return db
}

func tooLarge(dsn string) *sql.DB {
	db, _ := sql.Open("postgres", dsn)
	db.SetConnMaxIdleTime(time.Hour) // want `SetConnMaxIdleTime\(3600s\) is not below the 350s limit`
	return db
}

func dynamic(dsn string, d time.Duration) *sql.DB {
	db, _ := sql.Open("postgres", dsn)
	db.SetConnMaxIdleTime(d)
	return db
}

const idle = 3 * time.Minute

func named(dsn string) *sql.DB {
	db, _ := sql.Open("postgres", dsn)
	db.SetConnMaxIdleTime(idle)
	return db
}
