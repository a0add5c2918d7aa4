package xormforkfix

import "github.com/xorm-io/xorm"

type store struct{ engine *xorm.Engine }

// This version of the engine has no SetConnMaxIdleTime: the fix goes
// through engine.DB(), which returns the pool.
func (s *store) open(dsn string) error {
	engine, err := xorm.NewEngine("mysql", dsn) // want `database/sql pool from xorm.NewEngine has no SetConnMaxIdleTime or SetConnMaxLifetime: .*; call SetConnMaxIdleTime\(90 \* time.Second\) on engine.DB\(\) \(sql-no-idle-limit\)`
	if err != nil {
		return err
	}
	s.engine = engine
	return nil
}
