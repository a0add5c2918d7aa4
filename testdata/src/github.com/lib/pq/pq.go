// Package pq is a stub of github.com/lib/pq for fixtures: it registers
// "postgres".
package pq

import (
	"context"
	"database/sql/driver"
)

type Driver struct{}

type Connector struct{}

func (c *Connector) Connect(context.Context) (driver.Conn, error) { return nil, nil }
func (c *Connector) Driver() driver.Driver                        { return nil }

func NewConnector(dsn string) (*Connector, error) { return &Connector{}, nil }
