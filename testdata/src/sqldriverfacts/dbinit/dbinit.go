package dbinit // want package:"drivers\\(github.com/jackc/pgx/v5/stdlib=heals\\)"

// Package dbinit links the driver for the program, as a main package or
// a database package often does with a blank import.

import _ "github.com/jackc/pgx/v5/stdlib"

// Ready is what importers use.
func Ready() bool { return true }
