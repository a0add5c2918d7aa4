package sqlstrict // want package:"pools"

import (
	"database/sql"
	"time"
)

func dynamic(dsn string, d time.Duration) *sql.DB {
	db, _ := sql.Open("postgres", dsn)
	db.SetConnMaxIdleTime(d) // want `SetConnMaxIdleTime comes from a value keepalivelint cannot resolve \(-strict\)`
	return db
}

// Open hands its pool to other packages.
func Open(dsn string) (*sql.DB, error) { // want Open:`pool\(opens database/sql.DB driver postgres\)`
	return sql.Open("postgres", dsn) // want `pool from sql.Open is returned by exported Open to callers in other packages`
}
