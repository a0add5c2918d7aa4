// Package postgres is a stub of gorm.io/driver/postgres (v1.5 and later:
// pgx v5's stdlib) for fixtures.
package postgres

import (
	"github.com/jackc/pgx/v5/stdlib"
	"gorm.io/gorm"
)

type Config struct {
	DriverName           string
	DSN                  string
	PreferSimpleProtocol bool
	Conn                 gorm.ConnPool
	OptionOpenDB         []stdlib.OptionOpenDB
}

type Dialector struct{ *Config }

func (d Dialector) Name() string                 { return "postgres" }
func (d Dialector) Initialize(db *gorm.DB) error { return nil }

func Open(dsn string) gorm.Dialector { return &Dialector{&Config{DSN: dsn}} }

func New(config Config) gorm.Dialector { return &Dialector{Config: &config} }
