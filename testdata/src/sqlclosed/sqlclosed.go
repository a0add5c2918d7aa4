package sqlclosed

import (
	"database/sql"
)

// migrate opens, uses and closes its pool: the pool dies with the call.
func migrate(dsn string) error {
	db, err := sql.Open("postgres", dsn)
	if err != nil {
		return err
	}
	defer db.Close()
	_, err = db.Exec("SELECT 1")
	return err
}

// validate opens a pool only to check the DSN and closes it at once
// (found on prometheus-community/postgres_exporter collector/instance.go).
func validate(dsn string) error {
	db, err := sql.Open("postgres", dsn)
	if err != nil {
		return err
	}
	db.Close()
	return nil
}

// escapes returns the pool it defers closing: still reported.
func escapes(dsn string) (*sql.DB, error) {
	db, err := sql.Open("postgres", dsn) // want `has no SetConnMaxIdleTime or SetConnMaxLifetime`
	if err != nil {
		return nil, err
	}
	defer db.Close()
	return db, nil
}

type holder struct{ db *sql.DB }

func storedInField(h *holder, dsn string) {
	db, _ := sql.Open("postgres", dsn) // want `has no SetConnMaxIdleTime or SetConnMaxLifetime`
	defer db.Close()
	h.db = db
}

func inGoroutine(dsn string) {
	db, _ := sql.Open("postgres", dsn) // want `has no SetConnMaxIdleTime or SetConnMaxLifetime`
	defer db.Close()
	go func() { _, _ = db.Exec("SELECT 1") }()
}
