package lib // want package:"pools"

// Package lib is a client library whose exported factories build their
// pools from a Config that only their users, out of sight, fill in. Each
// is judged as most users call it, with a zero Config
// (factory-default-unbounded).

import (
	"database/sql"
	"net/http"
	"time"

	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials/insecure"
	"google.golang.org/grpc/keepalive"
)

// Config is what a user of the client fills in.
type Config struct {
	Endpoint            string
	DialKeepAliveTime   time.Duration
	PermitWithoutStream bool
	DialOptions         []grpc.DialOption
	IdleTimeout         time.Duration
	IdleSeconds         int
}

// Client is the library's client.
type Client struct{ conn *grpc.ClientConn }

// New dials as etcd's client does: keepalive only when configured, the
// user's own dial options appended; with a zero Config, neither.
func New(cfg Config) (*Client, error) {
	var opts []grpc.DialOption
	if cfg.DialKeepAliveTime > 0 {
		params := keepalive.ClientParameters{Time: cfg.DialKeepAliveTime, PermitWithoutStream: cfg.PermitWithoutStream}
		opts = append(opts, grpc.WithKeepaliveParams(params))
	}
	opts = append(opts, cfg.DialOptions...)
	opts = append(opts, grpc.WithTransportCredentials(insecure.NewCredentials()))
	conn, err := grpc.NewClient(cfg.Endpoint, opts...) // want `gRPC channel from grpc.NewClient in exported New called with a zero Config keeps idle connections for 1800s by default, not below the 350s limit.*\(factory-default-unbounded\)$`
	if err != nil {
		return nil, err
	}
	return &Client{conn: conn}, nil
}

// NewIdle adds an idle timeout only when one is configured: unbounded on
// some paths whatever the Config, a finding of the channel's own rule.
func NewIdle(cfg *Config) (*grpc.ClientConn, error) {
	opts := []grpc.DialOption{grpc.WithTransportCredentials(insecure.NewCredentials())}
	if cfg.IdleTimeout > 0 {
		opts = append(opts, grpc.WithIdleTimeout(cfg.IdleTimeout))
	}
	return grpc.NewClient(cfg.Endpoint, opts...) // want `gRPC channel from grpc.NewClient keeps idle connections for 1800s by default on some paths.*\(grpc-no-idle-timeout\)$`
}

// NewBounded sets its own idle timeout: bounded whatever the Config.
func NewBounded(cfg Config) (*grpc.ClientConn, error) {
	opts := append([]grpc.DialOption{grpc.WithIdleTimeout(time.Minute)}, cfg.DialOptions...)
	return grpc.NewClient(cfg.Endpoint, opts...)
}

// NewDefaulted falls back to its own bound when none is configured.
func NewDefaulted(cfg Config) (*grpc.ClientConn, error) {
	idle := time.Minute
	if cfg.IdleTimeout > 0 {
		idle = cfg.IdleTimeout
	}
	return grpc.NewClient(cfg.Endpoint, grpc.WithIdleTimeout(idle))
}

// NewTransport reads the idle timeout from the Config: 0, no limit, in a
// zero Config.
func NewTransport(cfg Config) *http.Transport { // want NewTransport:`pool\(returns net/http.Transport \{IdleConnTimeout=\?\}\)`
	return &http.Transport{IdleConnTimeout: cfg.IdleTimeout} // want `http.Transport IdleConnTimeout is 0 \(cfg.IdleTimeout\) in exported NewTransport called with a zero Config: no limit, past the 350s limit.*\(factory-default-unbounded\)$`
}

// NewScaledTransport: seconds scaled to a duration are 0 too.
func NewScaledTransport(cfg *Config) *http.Transport {
	t := &http.Transport{}
	t.IdleConnTimeout = time.Duration(cfg.IdleSeconds) * time.Second // want `http.Transport IdleConnTimeout is 0 \(cfg.IdleSeconds\) in exported NewScaledTransport called with a zero Config.*\(factory-default-unbounded\)$`
	return t
}

// NewGuardedTransport bounds it itself and takes the Config's bound only
// when one is configured: 90s with a zero Config.
func NewGuardedTransport(cfg Config) *http.Transport {
	t := &http.Transport{IdleConnTimeout: 90 * time.Second}
	if cfg.IdleTimeout > 0 {
		t.IdleConnTimeout = cfg.IdleTimeout
	}
	return t
}

// NewUnboundedTransport writes the Config's bound only when it is set:
// unbounded on some paths whatever the Config (the kind's own rule).
func NewUnboundedTransport(cfg Config) *http.Transport {
	t := &http.Transport{} // want `http.Transport has no IdleConnTimeout on some paths.*\(no-idle-timeout\)$`
	if cfg.IdleTimeout != 0 {
		t.IdleConnTimeout = cfg.IdleTimeout
	}
	return t
}

// Store keeps its database/sql pool to itself.
type Store struct{ db *sql.DB }

// OpenStore sets the pool's idle time only when one is configured:
// unbounded on some paths whatever the Config (the kind's own rule).
func OpenStore(dsn string, cfg Config) (*Store, error) {
	db, err := sql.Open("postgres", dsn) // want `database/sql pool from sql.Open has no SetConnMaxIdleTime or SetConnMaxLifetime on some paths.*\(sql-no-idle-limit\)$`
	if err != nil {
		return nil, err
	}
	if cfg.IdleTimeout > 0 {
		db.SetConnMaxIdleTime(cfg.IdleTimeout)
	}
	return &Store{db: db}, nil
}

// OpenDB returns the pool: its callers may set it, as before (dynamic).
func OpenDB(dsn string, cfg Config) (*sql.DB, error) {
	db, err := sql.Open("postgres", dsn)
	if err != nil {
		return nil, err
	}
	if cfg.IdleTimeout > 0 {
		db.SetConnMaxIdleTime(cfg.IdleTimeout)
	}
	return db, nil
}

// UsedConfig configures NewUsed.
type UsedConfig struct{ Idle time.Duration }

// NewUsed has a caller in the package: judged by what the package gives
// its Config, as before (here a bounded one).
func NewUsed(cfg UsedConfig) *http.Transport { // want NewUsed:`pool\(returns net/http.Transport \{IdleConnTimeout=60000000000\}\)`
	return &http.Transport{IdleConnTimeout: cfg.Idle}
}

// Default is the package's own transport.
var Default = NewUsed(UsedConfig{Idle: time.Minute})

// NewCopied hands the Config on whole: a callee may fill in defaults, so
// it is not judged with a zero one.
func NewCopied(cfg Config) *http.Transport { // want NewCopied:`pool\(returns net/http.Transport \{IdleConnTimeout=\?\}\)`
	cfg = withDefaults(cfg)
	return &http.Transport{IdleConnTimeout: cfg.IdleTimeout}
}

func withDefaults(cfg Config) Config {
	if cfg.IdleTimeout == 0 {
		cfg.IdleTimeout = time.Minute
	}
	return cfg
}
