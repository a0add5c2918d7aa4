package sqlfix

import (
	"database/sql"
	"fmt"
)

type store struct{ db *sql.DB }

func afterErrCheck(dsn string) (*sql.DB, error) {
	db, err := sql.Open("postgres", dsn) // want `has no SetConnMaxIdleTime or SetConnMaxLifetime`
	if err != nil {
		return nil, fmt.Errorf("open: %w", err)
	}
	return db, nil
}

func afterStatement(dsn string) *sql.DB {
	db, _ := sql.Open("postgres", dsn) // want `has no SetConnMaxIdleTime or SetConnMaxLifetime`
	fmt.Println("opened")
	return db
}

func intoField(s *store, dsn string) error {
	var err error
	s.db, err = sql.Open("postgres", dsn) // want `has no SetConnMaxIdleTime or SetConnMaxLifetime`
	if err != nil {
		return err
	}
	return nil
}

func zeroSetter(dsn string) *sql.DB {
	db, _ := sql.Open("postgres", dsn)
	db.SetConnMaxIdleTime(0) // want `SetConnMaxIdleTime\(0s\) means no limit`
	return db
}
