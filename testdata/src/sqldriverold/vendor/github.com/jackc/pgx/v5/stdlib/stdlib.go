// Package stdlib is a stub of github.com/jackc/pgx/v5's stdlib before
// v5.5.0: no OpenDBFromPool, and ResetSession only runs CheckConn.
package stdlib

import (
	"database/sql"
	"database/sql/driver"
)

type ConnConfig struct{ Host string }

type OptionOpenDB func()

func GetConnector(config ConnConfig, opts ...OptionOpenDB) driver.Connector { return nil }
func OpenDB(config ConnConfig, opts ...OptionOpenDB) *sql.DB                { return &sql.DB{} }
