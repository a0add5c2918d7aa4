// Package flagdefaults: pool knobs read from flags of package flag are
// judged by the flag's default, and the message says where it is.
package flagdefaults

import (
	"database/sql"
	"flag"
	"net/http"
	"time"
)

var (
	idle       = flag.Duration("idle", 30*time.Minute, "idle timeout of the upstream pool")
	shortIdle  = flag.Duration("short-idle", 90*time.Second, "idle timeout")
	noIdle     = flag.Duration("no-idle", 0, "idle timeout, 0 for none")
	lifetime   time.Duration
	idleSecs   = flag.Int("idle-seconds", 600, "idle timeout in seconds")
	sharedIdle time.Duration
)

func init() {
	flag.DurationVar(&lifetime, "db-lifetime", time.Hour, "lifetime of database connections")
}

// Positive: the flag's default is past the limit.
func upstream() *http.Transport {
	return &http.Transport{IdleConnTimeout: *idle} // want `http.Transport IdleConnTimeout is 1800s by default \(default of flag -idle\), not below the 350s limit; lower that default, e.g. to 90 \* time.Second`
}

// Negative: a default below the limit.
func shortUpstream() *http.Transport {
	return &http.Transport{IdleConnTimeout: *shortIdle}
}

// Positive: a default of 0 means no limit.
func unbounded() *http.Transport {
	t := &http.Transport{}
	t.IdleConnTimeout = *noIdle // want `IdleConnTimeout is 0 by default \(default of flag -no-idle\), which means no limit`
	return t
}

// Positive: through a local copy, in seconds.
func seconds() *http.Transport {
	d := time.Duration(*idleSecs) * time.Second
	return &http.Transport{IdleConnTimeout: d} // want `IdleConnTimeout is 600s by default \(default of flag -idle-seconds\)`
}

// Positive: a package variable bound with DurationVar.
func openDB(dsn string) (*sql.DB, error) {
	db, err := sql.Open("postgres", dsn)
	if err != nil {
		return nil, err
	}
	db.SetConnMaxLifetime(lifetime) // want `SetConnMaxLifetime\(3600s\) by default \(default of flag -db-lifetime\) is not below the 350s limit`
	return db, nil
}

// Config's field is bound to a flag of a FlagSet.
type Config struct {
	Idle      time.Duration
	ShortIdle time.Duration
}

func (c *Config) Register(fs *flag.FlagSet) {
	fs.DurationVar(&c.Idle, "pool-idle", 10*time.Minute, "idle timeout")
	fs.DurationVar(&c.ShortIdle, "pool-short-idle", time.Minute, "idle timeout")
}

// Positive: the FlagSet's default.
func (c *Config) client() *http.Client {
	return &http.Client{Transport: &http.Transport{IdleConnTimeout: c.Idle}} // want `IdleConnTimeout is 600s by default \(default of flag -pool-idle\)`
}

// Negative: its default is below the limit.
func (c *Config) shortClient() *http.Client {
	return &http.Client{Transport: &http.Transport{IdleConnTimeout: c.ShortIdle}}
}

// Negative (dynamic): the variable's address also goes to code that may
// set it.
func init() {
	flag.DurationVar(&sharedIdle, "shared-idle", time.Hour, "")
	load(&sharedIdle)
}

func load(d *time.Duration) {}

func shared() *http.Transport {
	return &http.Transport{IdleConnTimeout: sharedIdle}
}

// Negative (dynamic): written besides the flag.
var rewritten time.Duration

func init() {
	flag.DurationVar(&rewritten, "rewritten", time.Hour, "")
}

func Set(d time.Duration) { rewritten = d }

func rewrittenClient() *http.Transport {
	return &http.Transport{IdleConnTimeout: rewritten}
}

// Negative (dynamic): a default that is no constant.
func fromParam(fs *flag.FlagSet, def time.Duration) *http.Transport {
	d := fs.Duration("param-idle", def, "")
	return &http.Transport{IdleConnTimeout: *d}
}

// Positive: a local FlagSet's flag, read through its pointer.
func local(args []string) *http.Transport {
	fs := flag.NewFlagSet("x", flag.ContinueOnError)
	d := fs.Duration("local-idle", 20*time.Minute, "")
	_ = fs.Parse(args)
	return &http.Transport{IdleConnTimeout: *d} // want `IdleConnTimeout is 1200s by default \(default of flag -local-idle\)`
}

// Positive: copied into a field of the service in its constructor.
var copied = flag.Duration("copied-idle", 30*time.Minute, "")

type service struct{ idle time.Duration }

func newService() *service { return &service{idle: *copied} }

func (s *service) transport() *http.Transport {
	return &http.Transport{IdleConnTimeout: s.idle} // want `IdleConnTimeout is 1800s by default \(default of flag -copied-idle\)`
}
