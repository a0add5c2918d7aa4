package sqldriverdialector // want package:"drivers\\(github.com/jackc/pgx/v5/stdlib=heals\\)"

// Package sqldriverdialector: gorm's pool uses the driver its dialector
// names (kinds.Dialectors): postgres opens pgx v5's stdlib (linked below
// gorm.io/driver/postgres, whose Drivers fact says which version), mysql
// go-sql-driver/mysql, sqlite a database in the process.

import (
	"database/sql"

	"gorm.io/driver/mysql"
	"gorm.io/driver/postgres"
	"gorm.io/driver/sqlite"
	"gorm.io/driver/sqlserver"
	"gorm.io/gorm"
)

func pg(dsn string) (*gorm.DB, error) {
	return gorm.Open(postgres.Open(dsn), &gorm.Config{})
}

func pgVar(dsn string) (*gorm.DB, error) {
	d := postgres.New(postgres.Config{DSN: dsn, PreferSimpleProtocol: true})
	return gorm.Open(d)
}

// Options of pgx's stdlib may turn the ping off.
func pgOptions(dsn string) (*gorm.DB, error) {
	return gorm.Open(postgres.New(postgres.Config{DSN: dsn, OptionOpenDB: nil})) // want `database/sql pool from gorm.Open has no SetConnMaxIdleTime`
}

func my(dsn string) (*gorm.DB, error) {
	return gorm.Open(mysql.Open(dsn), &gorm.Config{}) // want `database/sql pool from gorm.Open has no SetConnMaxIdleTime or SetConnMaxLifetime: .*; call SetConnMaxIdleTime\(90 \* time.Second\) on`
}

func mssql(dsn string) (*gorm.DB, error) {
	return gorm.Open(sqlserver.Open(dsn)) // want `database/sql pool from gorm.Open has no SetConnMaxIdleTime`
}

func lite(path string) (*gorm.DB, error) {
	return gorm.Open(sqlite.Open(path), &gorm.Config{})
}

// An existing pool handed to the dialector is judged where it is opened.
func existing(dsn string) (*gorm.DB, error) {
	sqlDB, err := sql.Open("mysql", dsn) // want `database/sql pool from sql.Open has no SetConnMaxIdleTime`
	if err != nil {
		return nil, err
	}
	return gorm.Open(mysql.New(mysql.Config{Conn: sqlDB}))
}
