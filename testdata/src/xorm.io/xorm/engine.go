// Package xorm is a stub of xorm.io/xorm for fixtures.
package xorm

import (
	"database/sql"
	"time"

	"xorm.io/xorm/core"
)

type Engine struct{ db *core.DB }

func NewEngine(driverName, dataSourceName string, driverOptions ...func(db *sql.DB) error) (*Engine, error) {
	return &Engine{}, nil
}

func (engine *Engine) SetConnMaxLifetime(d time.Duration) {}
func (engine *Engine) SetConnMaxIdleTime(d time.Duration) {}
func (engine *Engine) SetMaxOpenConns(conns int)          {}
func (engine *Engine) SetMaxIdleConns(conns int)          {}
func (engine *Engine) DB() *core.DB                       { return engine.db }
func (engine *Engine) Close() error                       { return nil }
func (engine *Engine) Ping() error                        { return nil }
