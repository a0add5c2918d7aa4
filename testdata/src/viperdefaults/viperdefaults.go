// Package viperdefaults: viper keys read with GetDuration/GetInt and given
// a default with SetDefault on the same key.
package viperdefaults

import (
	"database/sql"
	"net/http"
	"time"

	"github.com/spf13/viper"
)

func init() {
	viper.SetDefault("upstream.idle", "15m")
	viper.SetDefault("fast.idle", 45*time.Second)
	viper.SetDefault("Pool.Lifetime", time.Hour)
	viper.SetDefault("two.idle", "1m")
	viper.SetDefault("two.idle", "2h")
}

// Positive: a string default, as viper parses it.
func upstream() *http.Transport {
	return &http.Transport{IdleConnTimeout: viper.GetDuration("upstream.idle")} // want `http.Transport IdleConnTimeout is 15m by default \(viper default of "upstream.idle"\), not below the 350s limit`
}

// Negative.
func fast() *http.Transport {
	return &http.Transport{IdleConnTimeout: viper.GetDuration("fast.idle")}
}

// Negative (dynamic): no default in this package.
func elsewhere() *http.Transport {
	return &http.Transport{IdleConnTimeout: viper.GetDuration("other.idle")}
}

// Negative (dynamic): two defaults.
func two() *http.Transport {
	return &http.Transport{IdleConnTimeout: viper.GetDuration("two.idle")}
}

// Positive: a *viper.Viper instance; keys are case-insensitive.
func open(v *viper.Viper, dsn string) (*sql.DB, error) {
	v.SetDefault("db.max_idle", "10m")
	db, err := sql.Open("postgres", dsn)
	if err != nil {
		return nil, err
	}
	db.SetConnMaxLifetime(viper.GetDuration("pool.lifetime")) // want `SetConnMaxLifetime\(3600s\) by default \(viper default of "pool.lifetime"\) is not below the 350s limit`
	db.SetConnMaxIdleTime(v.GetDuration("db.max_idle"))       // want `SetConnMaxIdleTime\(10m\) by default \(viper default of "db.max_idle"\)`
	return db, nil
}
