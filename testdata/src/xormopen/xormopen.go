// Package xormopen: xorm.NewEngine opens a pool; the engine's own setters
// and those of engine.DB() count.
package xormopen

import (
	"database/sql"
	"time"

	"xorm.io/xorm"
)

func plain(dsn string) (*xorm.Engine, error) {
	engine, err := xorm.NewEngine("mysql", dsn) // want `database/sql pool from xorm.NewEngine has no SetConnMaxIdleTime or SetConnMaxLifetime`
	if err != nil {
		return nil, err
	}
	return engine, nil
}

func ownSetter(dsn string) (*xorm.Engine, error) {
	engine, err := xorm.NewEngine("postgres", dsn)
	if err != nil {
		return nil, err
	}
	engine.SetConnMaxLifetime(time.Minute)
	return engine, nil
}

func tooLong(dsn string) (*xorm.Engine, error) {
	engine, err := xorm.NewEngine("postgres", dsn)
	if err != nil {
		return nil, err
	}
	engine.SetConnMaxIdleTime(time.Hour) // want `SetConnMaxIdleTime\(3600s\) is not below the 350s limit`
	return engine, nil
}

func throughDB(dsn string) (*xorm.Engine, error) {
	engine, err := xorm.NewEngine("mysql", dsn)
	if err != nil {
		return nil, err
	}
	engine.DB().SetConnMaxIdleTime(time.Minute)
	return engine, nil
}

func sqlite(path string) (*xorm.Engine, error) {
	return xorm.NewEngine("sqlite3", path)
}

// Callbacks handed the *sql.DB may set anything: out of sight.
func callback(dsn string) (*xorm.Engine, error) {
	return xorm.NewEngine("mysql", dsn, func(db *sql.DB) error { return nil })
}
