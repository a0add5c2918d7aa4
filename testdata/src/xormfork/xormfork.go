// Package xormfork: the xorm fork's engine has SetConnMaxLifetime of its
// own but no SetConnMaxIdleTime; the setters of engine.DB() count too.
package xormfork

import (
	"time"

	"github.com/xorm-io/xorm"
)

type ormer struct{ Engine *xorm.Engine }

func (a *ormer) open(dsn string) error {
	engine, err := xorm.NewEngine("mysql", dsn) // want `database/sql pool from xorm.NewEngine has no SetConnMaxIdleTime or SetConnMaxLifetime: .*; call SetConnMaxIdleTime\(90 \* time.Second\) on engine.DB\(\)`
	if err != nil {
		return err
	}
	a.Engine = engine
	return nil
}

// Returned as it is: no statement to put the fix after; the message
// names the accessor.
func returned(dsn string) (*xorm.Engine, error) {
	return xorm.NewEngine("mysql", dsn) // want `call SetConnMaxIdleTime\(90 \* time.Second\) on \(\*xorm.Engine\).DB\(\)`
}

func lifetime(dsn string) (*xorm.Engine, error) {
	engine, err := xorm.NewEngine("postgres", dsn)
	if err != nil {
		return nil, err
	}
	engine.SetConnMaxLifetime(5 * time.Minute)
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

func closed(dsn string) error {
	engine, err := xorm.NewEngine("mysql", dsn)
	if err != nil {
		return err
	}
	defer engine.Close()
	return nil
}
