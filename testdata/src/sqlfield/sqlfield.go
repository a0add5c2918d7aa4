package sqlfield

import (
	"database/sql"
	"time"
)

// Store's pool is configured in another method: safe.
type Store struct {
	db *sql.DB
}

func NewStore(dsn string) (*Store, error) {
	s := &Store{}
	var err error
	s.db, err = sql.Open("postgres", dsn)
	if err != nil {
		return nil, err
	}
	s.configure()
	return s, nil
}

func (s *Store) configure() {
	s.db.SetConnMaxIdleTime(2 * time.Minute)
}

// Repo's pool is never configured.
type Repo struct {
	db *sql.DB
}

func NewRepo(dsn string) (*Repo, error) {
	db, err := sql.Open("postgres", dsn) // want `has no SetConnMaxIdleTime or SetConnMaxLifetime`
	if err != nil {
		return nil, err
	}
	return &Repo{db: db}, nil
}

// Cache stores the pool through a keyed literal and configures the field.
type Cache struct {
	db *sql.DB
}

func NewCache(dsn string) *Cache {
	db, _ := sql.Open("postgres", dsn)
	c := &Cache{db: db}
	c.db.SetConnMaxLifetime(time.Minute)
	return c
}

// Appending a pool to a slice is not handing it to code out of sight.
type pools struct{ dbs []*sql.DB }

func (p *pools) add(dsn string) {
	db, _ := sql.Open("postgres", dsn) // want `has no SetConnMaxIdleTime or SetConnMaxLifetime`
	p.dbs = append(p.dbs, db)
}
