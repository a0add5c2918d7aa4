// Package stdlib is a stub of github.com/jackc/pgx/v5's stdlib (v5.5.0 and
// later: OpenDBFromPool exists, ResetSession pings) for fixtures.
package stdlib

import (
	"context"
	"database/sql"
	"database/sql/driver"
)

type ConnConfig struct{ Host string }

type Pool struct{}

type connector struct{}

type OptionOpenDB func(*connector)

type ShouldPingParams struct{}

func OptionShouldPing(f func(context.Context, ShouldPingParams) bool) OptionOpenDB { return nil }

func OptionAfterConnect(f func(context.Context) error) OptionOpenDB { return nil }

func GetConnector(config ConnConfig, opts ...OptionOpenDB) driver.Connector { return nil }
func GetPoolConnector(pool *Pool, opts ...OptionOpenDB) driver.Connector    { return nil }
func OpenDB(config ConnConfig, opts ...OptionOpenDB) *sql.DB                { return &sql.DB{} }
func OpenDBFromPool(pool *Pool, opts ...OptionOpenDB) *sql.DB               { return &sql.DB{} }
