// Package dbserver starts throw-away PostgreSQL and MariaDB servers on
// loopback for the database/sql driver proofs: Debian's postgresql and
// mariadb-server packages, run from a temporary directory on a free port,
// one server of each kind per test binary, stopped by [StopAll] (TestMain).
//
// The servers' own system services are not used and need not run. When a
// server's binaries are missing, [Postgres] and [MariaDB] skip the test with
// a message saying how to install them, or, when the environment variable
// CI is "true", fail it: CI must not skip a proof silently.
package dbserver

import (
	"errors"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// Server is a running database server.
type Server struct {
	Kind    string // "postgresql" or "mariadb"
	Addr    string // 127.0.0.1:port, TCP
	Version string // the server's --version line

	dir    string
	cmd    *exec.Cmd
	exited chan struct{}
	stop   syscall.Signal // the signal for a fast shutdown
}

// errMissing marks a server whose binaries are not installed.
var errMissing = errors.New("not installed")

type start struct {
	once sync.Once
	srv  *Server
	err  error
}

var (
	mu      sync.Mutex
	servers = map[string]*start{}
)

// get starts the server of kind with run once per process and returns it,
// or skips or fails t.
func get(t testing.TB, kind, install string, run func() (*Server, error)) *Server {
	t.Helper()
	mu.Lock()
	s := servers[kind]
	if s == nil {
		s = &start{}
		servers[kind] = s
	}
	mu.Unlock()
	s.once.Do(func() { s.srv, s.err = run() })
	switch {
	case errors.Is(s.err, errMissing) && os.Getenv("CI") != "true":
		t.Skipf("%s: %v; install it with: %s (the tests start their own server; its system service need not run)", kind, s.err, install)
	case s.err != nil:
		t.Fatalf("%s: %v", kind, s.err)
	}
	return s.srv
}

// StopAll stops every server started in this process and removes its
// directory; a later call of Postgres or MariaDB starts a new one. TestMain
// calls it after m.Run.
func StopAll() error {
	mu.Lock()
	defer mu.Unlock()
	var errs []error
	for kind, s := range servers {
		delete(servers, kind)
		if s.srv != nil {
			if err := s.srv.shutdown(); err != nil {
				errs = append(errs, fmt.Errorf("%s: %w", kind, err))
			}
		}
	}
	return errors.Join(errs...)
}

// shutdown asks the server for a fast shutdown, kills it after 30 s, and
// removes its directory.
func (s *Server) shutdown() error {
	s.cmd.Process.Signal(s.stop)
	var err error
	select {
	case <-s.exited:
	case <-time.After(30 * time.Second):
		s.cmd.Process.Kill()
		<-s.exited
		err = errors.New("did not stop within 30 s; killed")
	}
	if rerr := os.RemoveAll(s.dir); rerr != nil {
		err = errors.Join(err, rerr)
	}
	return err
}

// Log returns the server's log so far (its stderr), for failure messages.
func (s *Server) Log() string {
	b, _ := os.ReadFile(filepath.Join(s.dir, "server.log"))
	return string(b)
}

// freePort returns a TCP port free on 127.0.0.1 a moment ago.
func freePort() (string, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", err
	}
	defer ln.Close()
	_, port, err := net.SplitHostPort(ln.Addr().String())
	return port, err
}

// serverDir makes the server's temporary directory, owned by the user the
// server runs as.
func serverDir(kind string, cred *syscall.Credential) (string, error) {
	dir, err := os.MkdirTemp("", "keepalivelint-proofs-"+kind+"-")
	if err != nil {
		return "", err
	}
	if cred != nil {
		if err := os.Chown(dir, int(cred.Uid), int(cred.Gid)); err != nil {
			os.RemoveAll(dir)
			return "", err
		}
	}
	return dir, nil
}

// command builds a server command logging to dir/server.log, run as cred
// (nil: as this process's user), killed if this process dies first.
func command(dir string, cred *syscall.Credential, name string, args ...string) (*exec.Cmd, error) {
	log, err := os.OpenFile(filepath.Join(dir, "server.log"), os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o644)
	if err != nil {
		return nil, err
	}
	cmd := exec.Command(name, args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "LC_ALL=C", "HOME="+dir)
	cmd.Stdout, cmd.Stderr = log, log
	// Pdeathsig: a test binary killed by its timeout takes the server with
	// it instead of leaking it.
	cmd.SysProcAttr = &syscall.SysProcAttr{Credential: cred, Pdeathsig: syscall.SIGKILL}
	return cmd, nil
}

// runSetup runs a setup command (initdb, mariadb-install-db) to completion.
func runSetup(dir string, cred *syscall.Credential, name string, args ...string) error {
	cmd, err := command(dir, cred, name, args...)
	if err != nil {
		return err
	}
	defer cmd.Stdout.(*os.File).Close()
	if err := cmd.Run(); err != nil {
		b, _ := os.ReadFile(filepath.Join(dir, "server.log"))
		return fmt.Errorf("%s: %v\n%s", filepath.Base(name), err, b)
	}
	return nil
}

// launch starts the server process and waits until ready succeeds (30 s at
// most), or stops it and returns the error.
func launch(s *Server, cred *syscall.Credential, ready func() error, name string, args ...string) (*Server, error) {
	cmd, err := command(s.dir, cred, name, args...)
	if err != nil {
		return nil, err
	}
	if err := cmd.Start(); err != nil {
		cmd.Stdout.(*os.File).Close()
		return nil, err
	}
	s.cmd, s.exited = cmd, make(chan struct{})
	go func() { cmd.Wait(); cmd.Stdout.(*os.File).Close(); close(s.exited) }()
	deadline := time.Now().Add(30 * time.Second)
	for {
		err := ready()
		if err == nil {
			return s, nil
		}
		select {
		case <-s.exited:
			err = fmt.Errorf("%s exited: %v\n%s", filepath.Base(name), cmd.ProcessState, s.Log())
		default:
			if time.Now().Before(deadline) {
				time.Sleep(100 * time.Millisecond)
				continue
			}
			err = fmt.Errorf("not ready within 30 s: %v\n%s", err, s.Log())
		}
		s.shutdown()
		return nil, err
	}
}

// unprivileged is the user a server runs as when this process is root
// (PostgreSQL refuses to run as root): nobody. Nil when not root.
func unprivileged() *syscall.Credential {
	if os.Geteuid() != 0 {
		return nil
	}
	return &syscall.Credential{Uid: 65534, Gid: 65534}
}

// newest returns the last of the paths matching pattern in version order
// (/usr/lib/postgresql/15/bin/postgres before .../16/...), or "".
func newest(pattern string) string {
	m, _ := filepath.Glob(pattern)
	sort.Slice(m, func(i, j int) bool {
		if len(m[i]) != len(m[j]) {
			return len(m[i]) < len(m[j])
		}
		return m[i] < m[j]
	})
	if len(m) == 0 {
		return ""
	}
	return m[len(m)-1]
}

// version runs "bin --version" and returns its first line.
func version(bin string) string {
	out, _ := exec.Command(bin, "--version").Output()
	line, _, _ := strings.Cut(string(out), "\n")
	return strings.TrimSpace(line)
}

func splitHostPort(addr string) (host, port string, err error) { return net.SplitHostPort(addr) }

// removeDir removes a server directory after a failed start.
func removeDir(dir string) error { return os.RemoveAll(dir) }

// listening reports whether something accepts TCP connections at addr; the
// readiness checks ask it first so that a driver does not log every refused
// attempt.
func listening(addr string) error {
	c, err := net.DialTimeout("tcp", addr, time.Second)
	if err != nil {
		return err
	}
	return c.Close()
}
