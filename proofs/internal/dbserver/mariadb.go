package dbserver

import (
	"database/sql"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"syscall"
	"testing"

	"github.com/go-sql-driver/mysql"
)

// MariaDBInstall says how to install the MariaDB server binaries.
const MariaDBInstall = "apt-get install mariadb-server"

// MariaDB returns this process's MariaDB server, starting it on first use:
// user root without a password, database proofs.
func MariaDB(t testing.TB) *Server {
	t.Helper()
	return get(t, "mariadb", MariaDBInstall, startMariaDB)
}

// MariaDBConfig is a go-sql-driver/mysql configuration for addr, with the
// driver's defaults otherwise.
func MariaDBConfig(addr string) *mysql.Config {
	c := mysql.NewConfig()
	c.Net, c.Addr, c.User, c.DBName = "tcp", addr, "root", "proofs"
	return c
}

// mariadbBin finds mariadbd and mariadb-install-db.
func mariadbBin() (server, install string, err error) {
	for _, p := range []string{"/usr/sbin/mariadbd", "/usr/libexec/mariadbd"} {
		if _, err := os.Stat(p); err == nil {
			server = p
			break
		}
	}
	if server == "" {
		server, _ = exec.LookPath("mariadbd")
	}
	install, _ = exec.LookPath("mariadb-install-db")
	if server == "" || install == "" {
		return "", "", fmt.Errorf("mariadbd or mariadb-install-db not found: %w", errMissing)
	}
	return server, install, nil
}

func startMariaDB() (*Server, error) {
	server, install, err := mariadbBin()
	if err != nil {
		return nil, err
	}
	cred := unprivileged()
	dir, err := serverDir("mariadb", cred)
	if err != nil {
		return nil, err
	}
	data := filepath.Join(dir, "data")
	common := []string{"--no-defaults", "--datadir=" + data}
	if cred != nil {
		common = append(common, "--user=nobody")
	}
	// --auth-root-authentication-method=normal: root@localhost without a
	// password, which a TCP client from 127.0.0.1 matches.
	if err := runSetup(dir, cred, install, append(common, "--auth-root-authentication-method=normal", "--skip-test-db")...); err != nil {
		return nil, errors.Join(err, removeDir(dir))
	}
	port, err := freePort()
	if err != nil {
		return nil, errors.Join(err, removeDir(dir))
	}
	s := &Server{Kind: "mariadb", Addr: "127.0.0.1:" + port, Version: version(server), dir: dir, stop: syscall.SIGTERM}
	return launch(s, cred, func() error { return setupMariaDB(s.Addr) }, server, append(common,
		"--port="+port, "--bind-address=127.0.0.1", "--socket="+filepath.Join(dir, "mariadb.sock"),
		"--pid-file="+filepath.Join(dir, "mariadb.pid"), "--skip-log-bin",
		"--innodb-buffer-pool-size=16M", "--innodb-flush-log-at-trx-commit=0")...)
}

// setupMariaDB connects as root and creates the database proofs.
func setupMariaDB(addr string) error {
	if err := listening(addr); err != nil {
		return err
	}
	c := MariaDBConfig(addr)
	c.DBName = ""
	db, err := sql.Open("mysql", c.FormatDSN())
	if err != nil {
		return err
	}
	defer db.Close()
	_, err = db.Exec("CREATE DATABASE IF NOT EXISTS proofs")
	return err
}
