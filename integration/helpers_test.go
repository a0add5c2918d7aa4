package integration

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/keepalivelint/keepalivelint/internal/testgc"
)

// repoRoot is the root of this repository's checkout.
func repoRoot(t testing.TB) string {
	t.Helper()
	dir, err := filepath.Abs("..")
	if err != nil {
		t.Fatal(err)
	}
	return dir
}

// result is what one run of a command left behind.
type result struct {
	code           int
	stdout, stderr string
}

func (r result) String() string {
	return fmt.Sprintf("exit status %d\n--- stdout:\n%s--- stderr:\n%s", r.code, r.stdout, r.stderr)
}

func (r result) output() string { return r.stdout + r.stderr }

// command describes a command to run.
type command struct {
	dir  string
	env  []string // added to os.Environ()
	name string
	args []string
}

// run runs c and returns its exit status and output. It fails the test if
// the command cannot be started.
func (c command) run(t testing.TB) result {
	t.Helper()
	cmd := exec.Command(c.name, c.args...)
	cmd.Dir = c.dir
	cmd.Env = append(append(os.Environ(), "GOWORK=off"), c.env...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	r := result{stdout: stdout.String(), stderr: stderr.String()}
	var exit *exec.ExitError
	switch {
	case err == nil:
	case errors.As(err, &exit):
		r.code = exit.ExitCode()
	default:
		t.Fatalf("%s %s: %v", c.name, strings.Join(c.args, " "), err)
	}
	t.Logf("%s %s (in %s): exit %d", filepath.Base(c.name), strings.Join(c.args, " "), c.dir, r.code)
	return r
}

// must runs c and fails the test unless it exits 0.
func (c command) must(t testing.TB) result {
	t.Helper()
	r := c.run(t)
	if r.code != 0 {
		t.Fatalf("%s %s: %v", c.name, strings.Join(c.args, " "), r)
	}
	return r
}

// copyDir copies the tree at from into to.
func copyDir(t testing.TB, from, to string) {
	t.Helper()
	err := filepath.WalkDir(from, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(from, path)
		target := filepath.Join(to, rel)
		if d.IsDir() {
			return os.MkdirAll(target, 0o755)
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		return os.WriteFile(target, data, info.Mode().Perm())
	})
	if err != nil {
		t.Fatal(err)
	}
}

func writeFile(t testing.TB, name, content string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(name, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

func readFile(t testing.TB, name string) string {
	t.Helper()
	data, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

var (
	buildOnce sync.Once
	binary    string
	buildErr  error
	binDir    string
)

// keepalivelint builds the command once per test binary and returns the
// path of the directory holding it (for PATH) and of the binary.
func keepalivelint(t testing.TB) (dir, bin string) {
	t.Helper()
	buildOnce.Do(func() {
		binDir, buildErr = os.MkdirTemp("", "keepalivelint-bin-")
		if buildErr != nil {
			return
		}
		binary = filepath.Join(binDir, "keepalivelint")
		out, err := exec.Command("go", "build", "-o", binary, "github.com/keepalivelint/keepalivelint/cmd/keepalivelint").CombinedOutput()
		if err != nil {
			buildErr = fmt.Errorf("go build: %v\n%s", err, out)
		}
	})
	if buildErr != nil {
		t.Fatal(buildErr)
	}
	return binDir, binary
}

func TestMain(m *testing.M) {
	testgc.ForThroughput() // the command's cold runs type-check from source
	code := m.Run()
	if binDir != "" {
		os.RemoveAll(binDir)
	}
	os.Exit(code)
}
