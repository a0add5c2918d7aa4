// Package xorm is a stub of github.com/xorm-io/xorm (the fork casdoor
// uses, v1.1.6) for fixtures: its Engine has SetConnMaxLifetime but no
// SetConnMaxIdleTime; DB() returns the *core.DB that embeds the *sql.DB.
package xorm

import (
	"time"

	"github.com/xorm-io/xorm/core"
)

type Engine struct{ db *core.DB }

func NewEngine(driverName, dataSourceName string) (*Engine, error) {
	return &Engine{}, nil
}

func (engine *Engine) SetConnMaxLifetime(d time.Duration) {}
func (engine *Engine) SetMaxOpenConns(conns int)          {}
func (engine *Engine) SetMaxIdleConns(conns int)          {}
func (engine *Engine) DB() *core.DB                       { return engine.db }
func (engine *Engine) Close() error                       { return nil }
