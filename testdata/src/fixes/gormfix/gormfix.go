package gormfix

import (
	"gorm.io/driver/mysql"
	"gorm.io/gorm"
)

// The fix goes where the code holds the *sql.DB: after db.DB() and its
// error check.
func open(dsn string) (*gorm.DB, error) {
	db, err := gorm.Open(mysql.Open(dsn), &gorm.Config{}) // want `database/sql pool from gorm.Open has no SetConnMaxIdleTime or SetConnMaxLifetime`
	if err != nil {
		return nil, err
	}
	sqlDB, err := db.DB()
	if err != nil {
		return nil, err
	}
	sqlDB.SetMaxOpenConns(10)
	return db, nil
}
