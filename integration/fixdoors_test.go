package integration

import (
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// The README's fix doors of the go command: go fix -fixtool=keepalivelint
// and go vet -vettool=keepalivelint -fix apply the suggested fixes (one
// per finding, gofmt-ed), -diff shows them without writing, and the
// analyzer's flags pass through.
func TestGoFixDoors(t *testing.T) {
	t.Parallel()
	if testing.Short() {
		t.Skip("runs go fix and go vet -fix with the command, each door 4 times (cmd/keepalivelint tests go vet -fix); skipped with -short")
	}
	_, bin := keepalivelint(t)
	for _, door := range []struct {
		name string
		args []string // before the flags and packages
	}{
		{"go fix", []string{"fix", "-fixtool=" + bin}},
		{"go vet -fix", []string{"vet", "-vettool=" + bin, "-fix"}},
	} {
		dir := filepath.Join(t.TempDir(), "incident")
		copyDir(t, filepath.Join(repoRoot(t), "testdata", "incident"), dir)
		goCmd := func(args ...string) command {
			return command{dir: dir, name: "go", args: append(append([]string{}, door.args...), args...)}
		}
		scheduler := filepath.Join(dir, "scheduler", "scheduler.go")
		before := readFile(t, scheduler)

		// -diff: the diff on stdout, nothing written; the go command
		// exits 1 when the diff is not empty, as gofmt -d does.
		r := goCmd("-diff", "./...").run(t)
		if r.code != 1 || !strings.Contains(r.stdout, "--- "+scheduler+" (old)") ||
			!regexp.MustCompile(`(?m)^\+\s+IdleConnTimeout:\s+90 \* time\.Second,$`).MatchString(r.stdout) {
			t.Errorf("%s -diff: want exit 1 and the fix of scheduler.go, got %v", door.name, r)
		}
		if readFile(t, scheduler) != before {
			t.Errorf("%s -diff wrote scheduler.go", door.name)
		}

		// The analyzer's flags pass through: a 60s ALB, fixed with 30s.
		r = goCmd("-max-idle=aws-alb", "-diff", "./scheduler").run(t)
		if !regexp.MustCompile(`(?m)^\+\s+IdleConnTimeout:\s+30 \* time\.Second,$`).MatchString(r.stdout) {
			t.Errorf("%s -max-idle=aws-alb -diff: want a 30s fix, got %v", door.name, r)
		}

		// Applied: the module is clean afterwards, gofmt-ed, and builds.
		goCmd("./...").must(t)
		src := readFile(t, scheduler)
		if !regexp.MustCompile(`(?m)^\t\tIdleConnTimeout:     90 \* time\.Second,$`).MatchString(src) {
			t.Errorf("%s: scheduler.go not fixed (aligned as gofmt does):\n%s", door.name, src)
		}
		if r := (command{dir: dir, name: bin, args: []string{"./..."}}).run(t); r.code != 0 {
			t.Errorf("%s: findings left after the fixes: %v", door.name, r)
		}
		if r := (command{dir: dir, name: "gofmt", args: []string{"-l", "."}}).run(t); r.code != 0 || r.stdout != "" {
			t.Errorf("%s: files not gofmt-ed: %v", door.name, r)
		}
		command{dir: dir, name: "go", args: []string{"build", "./..."}}.must(t)
		// A second pass changes nothing.
		if r := goCmd("-diff", "./...").run(t); r.code != 0 || r.stdout != "" {
			t.Errorf("%s -diff after the fixes: want exit 0 and no diff, got %v", door.name, r)
		}
	}
}
