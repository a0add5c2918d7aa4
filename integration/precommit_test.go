package integration

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// hookRepo makes a git repository holding this checkout's files (tracked
// and untracked, not ignored) in one commit: pre-commit try-repo needs the
// hook repository committed, and copying the working tree tests the hooks
// as they are in this checkout, committed or not.
func hookRepo(t *testing.T) string {
	t.Helper()
	root := repoRoot(t)
	dst := filepath.Join(t.TempDir(), "keepalivelint")
	g := &gitRepo{t: t, dir: dst, env: newGitRepo(t).env}
	if err := os.MkdirAll(dst, 0o755); err != nil {
		t.Fatal(err)
	}
	g.git("init", "-q", "-b", "main")
	r := command{dir: root, name: "git", args: []string{"ls-files", "-z", "--cached", "--others", "--exclude-standard"}}.run(t)
	if r.code == 0 {
		for _, name := range strings.Split(strings.TrimSuffix(r.stdout, "\x00"), "\x00") {
			info, err := os.Lstat(filepath.Join(root, name))
			if err != nil || !info.Mode().IsRegular() {
				continue // deleted in the working tree, or not a file
			}
			data, err := os.ReadFile(filepath.Join(root, name))
			if err != nil {
				t.Fatal(err)
			}
			if err := os.MkdirAll(filepath.Dir(filepath.Join(dst, name)), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(dst, name), data, info.Mode().Perm()); err != nil {
				t.Fatal(err)
			}
		}
	} else {
		// Not a git checkout (an unpacked archive): copy everything.
		copyDir(t, root, dst)
	}
	g.git("add", "-A")
	g.git("commit", "-q", "-m", "keepalivelint working tree")
	return dst
}

// The hooks of .pre-commit-hooks.yaml, run by the pre-commit framework
// (Debian's package, 3.0.4) in a throw-away repository: with `pre-commit
// try-repo` and with a .pre-commit-config.yaml that passes analyzer flags.
// They fail on a finding and pass on clean code.
func TestPreCommitFramework(t *testing.T) {
	t.Parallel()
	preCommit, err := exec.LookPath("pre-commit")
	if err != nil {
		t.Skip("pre-commit is not installed (apt-get install pre-commit; .ci/run installs it)")
	}
	hooks := hookRepo(t)
	rev := strings.TrimSpace(command{dir: hooks, name: "git", args: []string{"rev-parse", "HEAD"}}.must(t).stdout)
	gomodcache := strings.TrimSpace(command{dir: repoRoot(t), name: "go", args: []string{"env", "GOMODCACHE"}}.must(t).stdout)
	// PRE_COMMIT_HOME: a fresh hook store per test. GOMODCACHE: pre-commit
	// sets GOPATH to its environment, which would download the analyzer's
	// dependencies again.
	g := newGitRepo(t, "PRE_COMMIT_HOME="+t.TempDir(), "GOMODCACHE="+gomodcache)
	g.write("go.mod", "module example.com/framework\n\ngo 1.26\n")
	g.write("bad/bad.go", src(badClient, "bad"))
	g.write("good/good.go", src(goodClient, "good"))
	g.write("slow/slow.go", `package slow

import (
	"net/http"
	"time"
)

var Client = &http.Client{Transport: &http.Transport{IdleConnTimeout: 400 * time.Second}}
`)
	g.write(".pre-commit-config.yaml", `repos:
  - repo: `+hooks+`
    rev: `+rev+`
    hooks:
      - id: keepalivelint
        args: [-max-idle=gcp-nat, ./...]
      - id: keepalivelint-vet
        args: [-max-idle=gcp-nat, ./...]
`)
	g.git("add", ".")
	preCommitCmd := func(args ...string) command {
		return command{dir: g.dir, env: g.env, name: preCommit, args: args}
	}

	// try-repo, the hooks' defaults: bad/ and slow/ (400s > 350s) fail.
	for _, id := range []string{"keepalivelint", "keepalivelint-vet"} {
		r := preCommitCmd("try-repo", hooks, id, "--all-files").run(t)
		if r.code == 0 || !strings.Contains(r.stdout, "Failed") {
			t.Errorf("try-repo %s: want Failed, got %v", id, r)
		}
		for _, want := range []string{"bad/bad.go:5:", noIdleTimeout, "slow/slow.go:8:"} {
			if !strings.Contains(r.output(), want) {
				t.Errorf("try-repo %s: output does not contain %q: %v", id, want, r)
			}
		}
	}

	// The configuration's flags: slow/ is fine behind Google Cloud NAT;
	// bad/ still fails, in both hooks.
	r := preCommitCmd("run", "--all-files").run(t)
	if r.code == 0 || strings.Count(r.stdout, "Failed") != 2 {
		t.Errorf("pre-commit run: want both hooks Failed, got %v", r)
	}
	if !strings.Contains(r.output(), "bad/bad.go:5:") || strings.Contains(r.output(), "slow/slow.go") {
		t.Errorf("pre-commit run -max-idle=gcp-nat: want bad/bad.go reported and slow/slow.go not: %v", r)
	}

	g.git("rm", "-q", "-r", "-f", "bad")
	r = preCommitCmd("run", "--all-files").run(t)
	if r.code != 0 || strings.Count(r.stdout, "Passed") != 2 {
		t.Errorf("pre-commit run on clean code: want both hooks Passed, got %v", r)
	}
}

// pre-commit installs the hooks' repository with go install ./...
// (language: golang) onto the hook's PATH: that installs the command and
// nothing else. The benchmarks' no-op vettools live in bench's own module,
// built by the bench scripts from there with the driver keepalivelint has.
func TestHookInstallsOnlyTheCommand(t *testing.T) {
	t.Parallel()
	root := repoRoot(t)
	gobin := t.TempDir()
	command{dir: root, env: []string{"GOBIN=" + gobin}, name: "go", args: []string{"install", "./..."}}.must(t)
	entries, err := os.ReadDir(gobin)
	if err != nil {
		t.Fatal(err)
	}
	var installed []string
	for _, e := range entries {
		installed = append(installed, e.Name())
	}
	if strings.Join(installed, " ") != "keepalivelint" {
		t.Errorf("go install ./... (what pre-commit runs) installs %v, want keepalivelint alone", installed)
	}

	// The bench scripts' no-op vettools build in bench's module, with the
	// x/tools keepalivelint is built with: they are its floor.
	bin := t.TempDir()
	command{dir: filepath.Join(root, "bench"), name: "go", args: []string{"build", "-o", bin + string(filepath.Separator), "./..."}}.must(t)
	for _, name := range []string{"noop", "noopfacts", "noopinspect"} {
		if _, err := os.Stat(filepath.Join(bin, name)); err != nil {
			t.Errorf("bench's module does not build %s: %v", name, err)
		}
	}
	xtools := func(dir string) string {
		r := command{dir: dir, name: "go", args: []string{"list", "-m", "-f", "{{.Version}}", "golang.org/x/tools"}}.must(t)
		return strings.TrimSpace(r.stdout)
	}
	if b, k := xtools(filepath.Join(root, "bench")), xtools(root); b != k {
		t.Errorf("bench/go.mod builds the no-op vettools with golang.org/x/tools %s, keepalivelint is built with %s", b, k)
	}
	scripts, _ := filepath.Glob(filepath.Join(root, "bench", "*.sh"))
	for _, script := range scripts {
		if m := regexp.MustCompile(`go build [^\n]*\./bench/\w+`).FindString(readFile(t, script)); m != "" {
			t.Errorf("%s builds a package of bench's module from the root module: %s", filepath.Base(script), m)
		}
	}
}
