package gormopen

// Package gormopen: gorm.Open is an opener; its pool is reached through
// db.DB(), and the usual setters on that *sql.DB count.

import (
	"time"

	"gorm.io/driver/mysql"
	"gorm.io/gorm"
)

// The case of issue 25: a lifetime chosen to beat MariaDB's wait_timeout,
// above the NAT's 350s.
func tuned(dsn string) (*gorm.DB, error) {
	db, err := gorm.Open(mysql.Open(dsn), &gorm.Config{})
	if err != nil {
		return nil, err
	}
	sqlDB, err := db.DB()
	if err != nil {
		return nil, err
	}
	sqlDB.SetConnMaxLifetime(9 * time.Minute) // want `SetConnMaxLifetime\(540s\) is not below the 350s limit`
	return db, nil
}

func bounded(dsn string) (*gorm.DB, error) {
	db, err := gorm.Open(mysql.Open(dsn), &gorm.Config{})
	if err != nil {
		return nil, err
	}
	sqlDB, err := db.DB()
	if err != nil {
		return nil, err
	}
	sqlDB.SetConnMaxIdleTime(time.Minute)
	return db, nil
}

// A setter through the accessor's result, chained.
type store struct{ db *gorm.DB }

func newStore(dsn string) (*store, error) {
	db, err := gorm.Open(mysql.Open(dsn))
	if err != nil {
		return nil, err
	}
	s := &store{db: db}
	if err := s.tune(); err != nil {
		return nil, err
	}
	return s, nil
}

func (s *store) tune() error {
	sqlDB, err := s.db.DB()
	if err != nil {
		return err
	}
	sqlDB.SetMaxIdleConns(0)
	return nil
}

// Closed before it returns: dies with its call.
func migrate(dsn string) error {
	db, err := gorm.Open(mysql.Open(dsn))
	if err != nil {
		return err
	}
	sqlDB, _ := db.DB()
	defer sqlDB.Close()
	return db.AutoMigrate()
}

// No accessor in sight: the message says where the setter goes.
func untouched(dsn string) (*gorm.DB, error) {
	db, err := gorm.Open(mysql.Open(dsn)) // want `from gorm.Open has no SetConnMaxIdleTime or SetConnMaxLifetime: .*; call SetConnMaxIdleTime\(90 \* time.Second\) on db.DB\(\)`
	return db, err
}
