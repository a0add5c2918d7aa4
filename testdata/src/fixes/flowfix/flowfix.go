package flowfix

import (
	"database/sql"
	"net/http"
	"time"
)

// The literal gets the timeout; the branch still overrides it on its path.
func oneBranch(tls bool) *http.Client {
	t := &http.Transport{MaxIdleConns: 10} // want `http.Transport has no IdleConnTimeout on some paths`
	if tls {
		t.IdleConnTimeout = 30 * time.Second
	}
	return &http.Client{Transport: t}
}

// The setter goes after the error check; the branch still overrides it.
func sqlOneBranch(dsn string, pooled bool) (*sql.DB, error) {
	db, err := sql.Open("postgres", dsn) // want `has no SetConnMaxIdleTime or SetConnMaxLifetime on some paths`
	if err != nil {
		return nil, err
	}
	if pooled {
		db.SetConnMaxIdleTime(time.Minute)
	}
	return db, nil
}
