package dbwrap // want package:"pools"

// dbwrap opens pools for its callers and links no driver: its callers'
// calls are the sites, judged with the drivers they link.

import "database/sql"

func Open(dsn string) (*sql.DB, error) { // want Open:`pool\(opens database/sql.DB driver pgx\)`
	return sql.Open("pgx", dsn)
}

func OpenWith(driver, dsn string) (*sql.DB, error) { // want OpenWith:`pool\(opens database/sql.DB driver param 0\)`
	return sql.Open(driver, dsn)
}
