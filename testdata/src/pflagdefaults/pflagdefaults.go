// Package pflagdefaults: spf13/pflag flags (P forms, FlagSet methods),
// for every pool kind.
package pflagdefaults

import (
	"database/sql"
	"net/http"
	"time"

	"github.com/spf13/pflag"
	"google.golang.org/grpc"
)

var (
	idle      = pflag.DurationP("idle", "i", 15*time.Minute, "idle timeout")
	fastIdle  = pflag.Duration("fast-idle", time.Minute, "idle timeout")
	chanIdle  time.Duration
	srvIdle   time.Duration
	dbMaxIdle time.Duration
)

func init() {
	pflag.DurationVarP(&chanIdle, "channel-idle", "c", 0, "idle timeout of the channel")
	fs := pflag.NewFlagSet("server", pflag.ContinueOnError)
	fs.DurationVar(&srvIdle, "server-idle", 5*time.Second, "idle timeout of the server")
	fs.DurationVarP(&dbMaxIdle, "db-max-idle", "d", 2*time.Minute, "")
}

// Positive.
func upstream() *http.Transport {
	return &http.Transport{IdleConnTimeout: *idle} // want `http.Transport IdleConnTimeout is 900s by default \(default of pflag flag --idle\), not below the 350s limit`
}

// Negative.
func fast() *http.Transport {
	return &http.Transport{IdleConnTimeout: *fastIdle}
}

// Positive: a channel whose idle timeout defaults to 0.
func channel(target string) (*grpc.ClientConn, error) {
	return grpc.NewClient(target, grpc.WithIdleTimeout(chanIdle)) // want `WithIdleTimeout is 0 by default \(default of pflag flag --channel-idle\), which means no limit`
}

// Positive: a server that closes idle connections after the flag's 5s.
func server(h http.Handler) *http.Server {
	return &http.Server{Handler: h, IdleTimeout: srvIdle} // want `http.Server closes idle connections after 5s \(IdleTimeout by default: default of pflag flag --server-idle\), before the balancer's 60s`
}

// Negative: SetConnMaxIdleTime from a 2m default.
func open(dsn string) (*sql.DB, error) {
	db, err := sql.Open("postgres", dsn)
	if err != nil {
		return nil, err
	}
	db.SetConnMaxIdleTime(dbMaxIdle)
	return db, nil
}
