// Package sqlserver is a stub of gorm.io/driver/sqlserver for fixtures.
package sqlserver

import (
	_ "github.com/microsoft/go-mssqldb"
	"gorm.io/gorm"
)

type Config struct {
	DriverName string
	DSN        string
	Conn       gorm.ConnPool
}

type Dialector struct{ *Config }

func (d Dialector) Name() string                 { return "sqlserver" }
func (d Dialector) Initialize(db *gorm.DB) error { return nil }

func Open(dsn string) gorm.Dialector { return &Dialector{&Config{DSN: dsn}} }

func New(config Config) gorm.Dialector { return &Dialector{Config: &config} }
