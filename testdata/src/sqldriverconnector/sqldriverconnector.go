package sqldriverconnector // want package:"drivers\\(github.com/go-sql-driver/mysql=fails, github.com/jackc/pgx/v5/stdlib=heals, github.com/lib/pq=fails\\)"

// Package sqldriverconnector: the driver of sql.OpenDB is its connector's,
// and a driver's own OpenDB is that driver's.

import (
	"context"
	"database/sql"

	"github.com/go-sql-driver/mysql"
	"github.com/jackc/pgx/v5/stdlib"
	"github.com/lib/pq"
)

func pgxOpenDB(cfg stdlib.ConnConfig) *sql.DB {
	return stdlib.OpenDB(cfg)
}

func pgxConnector(cfg stdlib.ConnConfig) *sql.DB {
	return sql.OpenDB(stdlib.GetConnector(cfg, stdlib.OptionAfterConnect(nil)))
}

func pgxConnectorVar(cfg stdlib.ConnConfig) *sql.DB {
	c := stdlib.GetConnector(cfg)
	return sql.OpenDB(c)
}

// OptionShouldPing replaces the rule that decides the ping.
func pgxNoPing(cfg stdlib.ConnConfig) *sql.DB {
	never := func(context.Context, stdlib.ShouldPingParams) bool { return false }
	return stdlib.OpenDB(cfg, stdlib.OptionShouldPing(never)) // want `from stdlib.OpenDB has no SetConnMaxIdleTime`
}

// Options out of sight may be OptionShouldPing.
func pgxOpts(cfg stdlib.ConnConfig, opts ...stdlib.OptionOpenDB) *sql.DB {
	return stdlib.OpenDB(cfg, opts...) // want `from stdlib.OpenDB has no SetConnMaxIdleTime`
}

func pqConnector(dsn string) (*sql.DB, error) {
	c, err := pq.NewConnector(dsn)
	if err != nil {
		return nil, err
	}
	return sql.OpenDB(c), nil // want `from sql.OpenDB has no SetConnMaxIdleTime`
}

func mysqlConnector() (*sql.DB, error) {
	c, err := mysql.NewConnector(mysql.NewConfig())
	if err != nil {
		return nil, err
	}
	return sql.OpenDB(c), nil // want `from sql.OpenDB has no SetConnMaxIdleTime`
}
