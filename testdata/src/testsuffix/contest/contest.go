// Package contest is production code.
package contest

import "database/sql"

var db *sql.DB

func Open(dsn string) (err error) {
	db, err = sql.Open("postgres", dsn) // want `\(sql-no-idle-limit\)$`
	return err
}
