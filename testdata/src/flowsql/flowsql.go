// Package flowsql: database/sql setters by path.
package flowsql

import (
	"database/sql"
	"time"
)

type config struct {
	DSNs    []string
	MaxIdle int
	Idle    time.Duration
}

type plugin struct {
	cfg config
	dbs []*sql.DB
}

func newPlugin() *plugin {
	return &plugin{cfg: config{MaxIdle: 4, Idle: time.Minute}}
}

// Positive (the incident): pools opened in a loop, the idle count
// set only when positive, no idle or lifetime limit, kept until shutdown.
func (p *plugin) start() error {
	for _, dsn := range p.cfg.DSNs {
		db, err := sql.Open("mysql", dsn) // want `database/sql pool from sql.Open has no SetConnMaxIdleTime or SetConnMaxLifetime: idle connections are kept forever`
		if err != nil {
			return err
		}
		if p.cfg.MaxIdle > 0 {
			db.SetMaxIdleConns(p.cfg.MaxIdle)
		}
		p.dbs = append(p.dbs, db)
	}
	return nil
}

// Positive: the idle limit is set on one path only.
func oneBranch(dsn string, pooled bool) (*sql.DB, error) {
	db, err := sql.Open("postgres", dsn) // want `has no SetConnMaxIdleTime or SetConnMaxLifetime on some paths`
	if err != nil {
		return nil, err
	}
	if pooled {
		db.SetConnMaxIdleTime(time.Minute)
	}
	return db, nil
}

// Negative: one limit on one branch, the other on the other.
func eitherLimit(dsn string, pooled bool) (*sql.DB, error) {
	db, err := sql.Open("postgres", dsn)
	if err != nil {
		return nil, err
	}
	if pooled {
		db.SetConnMaxIdleTime(time.Minute)
	} else {
		db.SetConnMaxLifetime(5 * time.Minute)
	}
	return db, nil
}

// Negative: the error paths hold no pool; a Ping before the setter uses it
// but the setter follows on every path that keeps it.
func afterChecks(dsn string) (*sql.DB, error) {
	db, err := sql.Open("postgres", dsn)
	if err != nil {
		return nil, err
	}
	if err := db.Ping(); err != nil {
		db.Close()
		return nil, err
	}
	db.SetConnMaxIdleTime(time.Minute)
	return db, nil
}

type store struct{ db *sql.DB }

// Negative: stored in a field when opened; the error path holds no pool.
func (s *store) open(dsn string) error {
	var err error
	s.db, err = sql.Open("postgres", dsn)
	if err != nil {
		return err
	}
	s.db.SetConnMaxLifetime(time.Minute)
	return nil
}

type fastStore struct{ db *sql.DB }

// Positive: stored in a field, the limit skipped by an early return.
func (s *fastStore) open(dsn string, fast bool) error {
	var err error
	s.db, err = sql.Open("postgres", dsn) // want `on some paths`
	if err != nil {
		return err
	}
	if fast {
		return nil
	}
	s.db.SetConnMaxLifetime(time.Minute)
	return nil
}

// Positive: the guarded limit is too long on its path; on the other path
// no limit is set at all.
func tooLongOnBranch(dsn string, slow bool) *sql.DB {
	db, _ := sql.Open("postgres", dsn) // want `on some paths`
	if slow {
		db.SetConnMaxIdleTime(time.Hour) // want `SetConnMaxIdleTime\(3600s\) is not below the 350s limit`
	}
	return db
}

// Negative: no idle connection kept on either path.
func noIdleEitherWay(dsn string, a bool) *sql.DB {
	db, _ := sql.Open("postgres", dsn)
	if a {
		db.SetMaxIdleConns(0)
	} else {
		db.SetMaxIdleConns(-1)
	}
	return db
}

// Positive: no idle connection on one path; two idle connections (the
// default) kept forever on the other.
func noIdleOneBranch(dsn string, a bool) *sql.DB {
	db, _ := sql.Open("postgres", dsn) // want `has no SetConnMaxIdleTime or SetConnMaxLifetime:`
	if a {
		db.SetMaxIdleConns(0)
	}
	return db
}
