package sqlstrict

import (
	"database/sql"
	"time"
)

func dynamic(dsn string, d time.Duration) *sql.DB {
	db, _ := sql.Open("postgres", dsn)
	db.SetConnMaxIdleTime(d) // want `SetConnMaxIdleTime gets a value keepalivelint cannot resolve \(-strict\)`
	return db
}
