package sqlinprocess

import "database/sql"

const driver = "sqlite3"

func sqlite() (*sql.DB, *sql.DB, *sql.DB, *sql.DB) {
	a, _ := sql.Open("sqlite3", "file.db")
	b, _ := sql.Open("sqlite", ":memory:")
	c, _ := sql.Open(driver, "x.db")
	d, _ := sql.Open("duckdb", "")
	return a, b, c, d
}

func custom() *sql.DB {
	db, _ := sql.Open("sqlite3_extended", "x.db")
	return db
}

func network() *sql.DB {
	db, _ := sql.Open("pgx", "postgres://db") // want `has no SetConnMaxIdleTime or SetConnMaxLifetime`
	return db
}

func dynamicDriver(name string) *sql.DB {
	db, _ := sql.Open(name, "dsn") // want `has no SetConnMaxIdleTime or SetConnMaxLifetime`
	return db
}
