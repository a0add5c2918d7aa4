package dbserver

import (
	"context"
	"errors"
	"fmt"
	"os/exec"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgconn"
)

// PostgresInstall says how to install the PostgreSQL server binaries.
const PostgresInstall = "apt-get install postgresql"

// Postgres returns this process's PostgreSQL server, starting it on first
// use: user postgres with trust authentication, database postgres.
func Postgres(t testing.TB) *Server {
	t.Helper()
	return get(t, "postgresql", PostgresInstall, startPostgres)
}

// PostgresDSN is a key=value connection string (lib/pq, pgx) for addr.
func PostgresDSN(addr string) string {
	host, port, _ := splitHostPort(addr)
	return fmt.Sprintf("host=%s port=%s user=postgres dbname=postgres sslmode=disable connect_timeout=10", host, port)
}

// postgresBin finds Debian's server binaries (/usr/lib/postgresql/N/bin,
// the newest N), or a postgres on PATH.
func postgresBin() (string, error) {
	if p := newest("/usr/lib/postgresql/*/bin/postgres"); p != "" {
		return filepath.Dir(p), nil
	}
	if p, err := exec.LookPath("postgres"); err == nil {
		return filepath.Dir(p), nil
	}
	return "", fmt.Errorf("no postgres binary in /usr/lib/postgresql/*/bin or on PATH: %w", errMissing)
}

func startPostgres() (*Server, error) {
	bin, err := postgresBin()
	if err != nil {
		return nil, err
	}
	cred := unprivileged()
	dir, err := serverDir("postgresql", cred)
	if err != nil {
		return nil, err
	}
	data := filepath.Join(dir, "data")
	if err := runSetup(dir, cred, filepath.Join(bin, "initdb"),
		"-D", data, "-U", "postgres", "--auth=trust", "--encoding=UTF8", "--locale=C", "--no-sync"); err != nil {
		return nil, errors.Join(err, removeDir(dir))
	}
	port, err := freePort()
	if err != nil {
		return nil, errors.Join(err, removeDir(dir))
	}
	s := &Server{Kind: "postgresql", Addr: "127.0.0.1:" + port, Version: version(filepath.Join(bin, "postgres")), dir: dir, stop: syscall.SIGINT}
	// SIGINT is PostgreSQL's fast shutdown: it disconnects clients, the
	// server ends of flows the relay forgot included (SIGTERM would wait
	// for them).
	return launch(s, cred, func() error { return pingPostgres(s.Addr) }, filepath.Join(bin, "postgres"),
		"-D", data, "-p", port, "-k", dir,
		"-c", "listen_addresses=127.0.0.1",
		"-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off",
		"-c", "max_connections=50", "-c", "shared_buffers=16MB")
}

func pingPostgres(addr string) error {
	if err := listening(addr); err != nil {
		return err
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	c, err := pgconn.Connect(ctx, PostgresDSN(addr))
	if err != nil {
		return err
	}
	return c.Close(ctx)
}
