package dbserver_test

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgconn"

	"github.com/keepalivelint/keepalivelint/proofs/internal/dbserver"
)

func TestMain(m *testing.M) {
	code := m.Run()
	if err := dbserver.StopAll(); err != nil {
		fmt.Fprintln(os.Stderr, "stopping the servers:", err)
		code = 1
	}
	os.Exit(code)
}

// TestServers starts both servers, queries each, and checks that a second
// call returns the same server.
func TestServers(t *testing.T) {
	t.Run("postgresql", func(t *testing.T) {
		s := dbserver.Postgres(t)
		if dbserver.Postgres(t) != s {
			t.Error("a second call started another server")
		}
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		c, err := pgconn.Connect(ctx, dbserver.PostgresDSN(s.Addr))
		if err != nil {
			t.Fatal(err)
		}
		defer c.Close(ctx)
		res, err := c.Exec(ctx, "SELECT current_user").ReadAll()
		if err != nil || len(res) != 1 || len(res[0].Rows) != 1 || string(res[0].Rows[0][0]) != "postgres" {
			t.Fatalf("SELECT current_user: %v %v", res, err)
		}
		t.Logf("%s at %s", s.Version, s.Addr)
	})
	t.Run("mariadb", func(t *testing.T) {
		s := dbserver.MariaDB(t)
		db, err := sql.Open("mysql", dbserver.MariaDBConfig(s.Addr).FormatDSN())
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		var v string
		if err := db.QueryRow("SELECT VERSION()").Scan(&v); err != nil || !strings.Contains(v, "MariaDB") {
			t.Fatalf("SELECT VERSION(): %q %v", v, err)
		}
		t.Logf("%s at %s", s.Version, s.Addr)
	})
}

// TestStopAllLeavesNoProcess checks that no server process outlives
// StopAll (it runs after TestServers: tests run in source order).
func TestStopAllLeavesNoProcess(t *testing.T) {
	if err := dbserver.StopAll(); err != nil {
		t.Fatal(err)
	}
	out, _ := exec.Command("ps", "-eo", "ppid,comm").Output()
	self := fmt.Sprint(os.Getpid())
	for _, line := range strings.Split(string(out), "\n") {
		f := strings.Fields(line)
		if len(f) == 2 && f[0] == self && (f[1] == "postgres" || f[1] == "mariadbd") {
			t.Errorf("server process left: %s", line)
		}
	}
}
