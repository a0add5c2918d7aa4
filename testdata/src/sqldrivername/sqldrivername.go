package sqldrivername // want package:"drivers\\(github.com/jackc/pgx/v5/stdlib=heals\\)"

// Package sqldrivername: the driver is found from the constant driver
// name (kinds.Drivers). Only a driver proven to heal after a reset is
// quiet; "pgx/v5" names pgx v5's stdlib, whose version (and so its ping)
// is seen where the package imports it.

import (
	"database/sql"

	_ "github.com/jackc/pgx/v5/stdlib"
)

// pgx v5.5 and later: ResetSession pings a connection idle for more than
// 1s and retries on a new one (TestDriverPgxV5Stdlib).
func pgxV5(dsn string) (*sql.DB, error) {
	return sql.Open("pgx/v5", dsn)
}

const pgxName = "pgx"

// "pgx" is registered by pgx v4 and v5; only v5 is linked here.
func pgxConst(dsn string) (*sql.DB, error) {
	return sql.Open(pgxName, dsn)
}

// lib/pq hands the reset to the caller (TestDriverLibPQ).
func libpq(dsn string) (*sql.DB, error) {
	return sql.Open("postgres", dsn) // want `database/sql pool from sql.Open has no SetConnMaxIdleTime or SetConnMaxLifetime`
}

// go-sql-driver/mysql sees a server's FIN, not a NAT that forgot the flow
// (TestDriverMySQL).
func mysql(dsn string) (*sql.DB, error) {
	return sql.Open("mysql", dsn) // want `database/sql pool from sql.Open has no SetConnMaxIdleTime`
}

// No proof for go-mssqldb: judged by its settings, as before.
func sqlserver(dsn string) (*sql.DB, error) {
	return sql.Open("sqlserver", dsn) // want `database/sql pool from sql.Open has no SetConnMaxIdleTime`
}

// A name from configuration: the driver is unknown.
func dynamic(driver, dsn string) (*sql.DB, error) {
	return sql.Open(driver, dsn) // want `database/sql pool from sql.Open has no SetConnMaxIdleTime`
}
