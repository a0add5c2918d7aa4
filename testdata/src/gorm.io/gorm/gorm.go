// Package gorm is a stub of gorm.io/gorm for fixtures.
package gorm

import (
	"context"
	"database/sql"
)

type Config struct {
	SkipDefaultTransaction bool
	ConnPool               ConnPool
}

func (c *Config) Apply(*Config) error       { return nil }
func (c *Config) AfterInitialize(*DB) error { return nil }

type Option interface {
	Apply(*Config) error
	AfterInitialize(*DB) error
}

type ConnPool interface {
	PrepareContext(ctx context.Context, query string) (*sql.Stmt, error)
}

type Dialector interface {
	Name() string
	Initialize(*DB) error
}

type DB struct {
	*Config
	Error error
}

func Open(dialector Dialector, opts ...Option) (db *DB, err error) { return &DB{}, nil }

func (db *DB) DB() (*sql.DB, error) { return nil, nil }

func (db *DB) AutoMigrate(dst ...interface{}) error { return nil }
