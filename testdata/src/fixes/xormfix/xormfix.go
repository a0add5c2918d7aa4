package xormfix

import "xorm.io/xorm"

// The engine has the setters of its pool.
func open(dsn string) (*xorm.Engine, error) {
	engine, err := xorm.NewEngine("mysql", dsn) // want `database/sql pool from xorm.NewEngine has no SetConnMaxIdleTime or SetConnMaxLifetime`
	if err != nil {
		return nil, err
	}
	return engine, nil
}
