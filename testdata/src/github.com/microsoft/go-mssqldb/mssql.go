// Package mssql is a stub of github.com/microsoft/go-mssqldb for fixtures:
// it registers "sqlserver" and "mssql".
package mssql

import (
	"context"
	"database/sql/driver"
)

type Connector struct{}

func (c *Connector) Connect(context.Context) (driver.Conn, error) { return nil, nil }
func (c *Connector) Driver() driver.Driver                        { return nil }

func NewConnector(dsn string) (*Connector, error) { return &Connector{}, nil }
