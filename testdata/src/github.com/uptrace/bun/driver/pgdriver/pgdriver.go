// Package pgdriver is a stub of github.com/uptrace/bun/driver/pgdriver.
package pgdriver

import (
	"context"
	"database/sql/driver"
)

type Option func(*Connector)

type Connector struct{}

func (c *Connector) Connect(context.Context) (driver.Conn, error) { return nil, nil }
func (c *Connector) Driver() driver.Driver                        { return nil }

func WithDSN(dsn string) Option { return nil }

func NewConnector(opts ...Option) *Connector { return &Connector{} }
