package pgxstdlib // want package:"drivers\\(github.com/jackc/pgx/v4/stdlib=fails, github.com/jackc/pgx/v5/stdlib=heals\\)"

import (
	"database/sql"
	"time"

	stdlib4 "github.com/jackc/pgx/v4/stdlib"
	"github.com/jackc/pgx/v5/stdlib"
)

// pgx v5.5 and later heal after a reset (TestDriverPgxV5Stdlib): no site.
func v5(cfg stdlib.ConnConfig) *sql.DB {
	db := stdlib.OpenDB(cfg)
	return db
}

func v5Pool(p *stdlib.Pool) *sql.DB {
	db := stdlib.OpenDBFromPool(p)
	db.SetConnMaxIdleTime(30 * time.Second)
	return db
}

func v4(cfg stdlib4.ConnConfig) *sql.DB {
	return stdlib4.OpenDB(cfg) // want `stdlib.OpenDB has no SetConnMaxIdleTime or SetConnMaxLifetime`
}
