package app // want package:"drivers\\(github.com/jackc/pgx/v5/stdlib=heals\\)"

// app links pgx v5 (through dbinit): the pools dbwrap opens for it heal.

import (
	"database/sql"

	"sqldriverfacts/dbinit"
	"sqldriverfacts/dbwrap"
)

var pools []*sql.DB

func open(dsn string) error {
	if !dbinit.Ready() {
		return nil
	}
	a, err := dbwrap.Open(dsn)
	if err != nil {
		return err
	}
	b, err := dbwrap.OpenWith("pgx/v5", dsn)
	if err != nil {
		return err
	}
	c, err := dbwrap.OpenWith("sqlite3", "file.db")
	if err != nil {
		return err
	}
	d, err := dbwrap.OpenWith("mysql", dsn) // want `database/sql pool from dbwrap.OpenWith has no SetConnMaxIdleTime or SetConnMaxLifetime`
	if err != nil {
		return err
	}
	pools = append(pools, a, b, c, d)
	return nil
}
