// Package mysql is a stub of github.com/go-sql-driver/mysql for fixtures:
// it registers "mysql".
package mysql

import "database/sql/driver"

type Config struct{ Addr string }

func NewConfig() *Config { return &Config{} }

func NewConnector(cfg *Config) (driver.Connector, error) { return nil, nil }
