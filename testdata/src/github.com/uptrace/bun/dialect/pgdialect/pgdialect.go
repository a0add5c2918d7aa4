// Package pgdialect is a stub of github.com/uptrace/bun/dialect/pgdialect.
package pgdialect

import "database/sql"

type Dialect struct{}

func New() *Dialect { return &Dialect{} }

func (d *Dialect) Name() string    { return "pg" }
func (d *Dialect) Init(db *sql.DB) {}
