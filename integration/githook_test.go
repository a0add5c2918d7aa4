package integration

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// gitRepo is a throw-away git repository.
type gitRepo struct {
	t   *testing.T
	dir string
	env []string
}

func newGitRepo(t *testing.T, env ...string) *gitRepo {
	t.Helper()
	g := &gitRepo{t: t, dir: t.TempDir(), env: append([]string{
		"GIT_CONFIG_GLOBAL=/dev/null", "GIT_CONFIG_NOSYSTEM=1",
		"GIT_AUTHOR_NAME=test", "GIT_AUTHOR_EMAIL=test@example.com",
		"GIT_COMMITTER_NAME=test", "GIT_COMMITTER_EMAIL=test@example.com",
	}, env...)}
	g.git("init", "-q", "-b", "main")
	return g
}

func (g *gitRepo) cmd(args ...string) command {
	return command{dir: g.dir, env: g.env, name: "git", args: args}
}

func (g *gitRepo) git(args ...string) string {
	g.t.Helper()
	return g.cmd(args...).must(g.t).stdout
}

func (g *gitRepo) write(name, content string) {
	g.t.Helper()
	writeFile(g.t, filepath.Join(g.dir, name), content)
}

func (g *gitRepo) commits() int {
	g.t.Helper()
	out := g.cmd("rev-list", "--count", "HEAD").run(g.t)
	if out.code != 0 {
		return 0
	}
	n := 0
	for _, c := range strings.TrimSpace(out.stdout) {
		n = n*10 + int(c-'0')
	}
	return n
}

const (
	goodClient = `package %s

import (
	"net/http"
	"time"
)

var Client = &http.Client{Transport: &http.Transport{IdleConnTimeout: 90 * time.Second}}
`
	badClient = `package %s

import "net/http"

var Client = &http.Client{Transport: &http.Transport{}}
`
)

func src(template, pkg string) string { return strings.Replace(template, "%s", pkg, 1) }

// The plain git hook rejects a commit that stages a finding, accepts a good
// one, lints only the packages with staged .go files, and lints what is
// staged rather than the working tree.
func TestGitHook(t *testing.T) {
	t.Parallel()
	binDir, _ := keepalivelint(t)
	g := newGitRepo(t, "PATH="+binDir+string(os.PathListSeparator)+os.Getenv("PATH"))
	hook := readFile(t, filepath.Join(repoRoot(t), "hooks", "pre-commit"))
	if err := os.WriteFile(filepath.Join(g.dir, ".git", "hooks", "pre-commit"), []byte(hook), 0o755); err != nil {
		t.Fatal(err)
	}
	g.write("go.mod", "module example.com/hooked\n\ngo 1.26\n")
	g.write("good/good.go", src(goodClient, "good"))
	g.git("add", ".")
	if r := g.cmd("commit", "-q", "-m", "good client").run(t); r.code != 0 {
		t.Fatalf("good commit rejected: %v", r)
	}

	// A package at the repository root (dirname is ".", which once matched
	// the pattern of hidden directories, so it was never linted).
	g.write("main.go", src(badClient, "main")+"\nfunc main() { _ = Client }\n")
	g.git("add", "main.go")
	r := g.cmd("commit", "-q", "-m", "root main").run(t)
	if r.code == 0 || !regexp.MustCompile(`(?m)^main\.go:5:`).MatchString(r.stderr) {
		t.Errorf("a finding in the root package: want rejected, with the finding at main.go:5, got %v", r)
	}
	g.git("rm", "-q", "-f", "main.go")

	// A bad package: rejected, with the finding at a repository path.
	g.write("bad/bad.go", src(badClient, "bad"))
	g.git("add", "bad/bad.go")
	r = g.cmd("commit", "-q", "-m", "bad client").run(t)
	if r.code == 0 {
		t.Fatalf("commit with a finding accepted: %v", r)
	}
	if !strings.Contains(r.stderr, "bad/bad.go:5:") || !strings.Contains(r.stderr, noIdleTimeout) ||
		!strings.Contains(r.stderr, "commit rejected") {
		t.Errorf("rejection does not show the finding at bad/bad.go:5: %v", r)
	}
	if strings.Contains(r.stderr, "keepalivelint-hook.") {
		t.Errorf("the output shows the temporary copy's paths: %v", r)
	}
	if n := g.commits(); n != 1 {
		t.Errorf("%d commits, want 1", n)
	}

	// Fixed in the working tree but not staged: still rejected, as the
	// staged content is what would be committed.
	g.write("bad/bad.go", src(goodClient, "bad"))
	if r := g.cmd("commit", "-q", "-m", "bad client").run(t); r.code == 0 {
		t.Errorf("commit of a staged finding accepted because the working tree is fixed: %v", r)
	}
	g.git("add", "bad/bad.go")
	if r := g.cmd("commit", "-q", "-m", "fixed client").run(t); r.code != 0 {
		t.Fatalf("fixed commit rejected: %v", r)
	}

	// Only packages with staged .go files are linted: an unstaged finding
	// in another package does not block a commit of good/.
	g.write("other/other.go", src(badClient, "other"))
	g.write("good/more.go", "package good\n\n// More is more.\nconst More = 1\n")
	g.git("add", "good/more.go")
	if r := g.cmd("commit", "-q", "-m", "more").run(t); r.code != 0 {
		t.Errorf("commit of good/ rejected for an unstaged package: %v", r)
	}
	// A commit without .go files does not run the linter at all.
	g.write("README", "hello\n")
	g.git("add", "README")
	if r := g.cmd("commit", "-q", "-m", "readme").run(t); r.code != 0 {
		t.Errorf("commit without .go files rejected: %v", r)
	}

	// A nested module is linted from its own root; testdata is skipped.
	g.write("tools/go.mod", "module example.com/tools\n\ngo 1.26\n")
	g.write("tools/fetch/fetch.go", src(badClient, "fetch"))
	g.write("good/testdata/x.go", src(badClient, "x"))
	g.git("add", "tools", "good/testdata")
	r = g.cmd("commit", "-q", "-m", "tools").run(t)
	if r.code == 0 || !strings.Contains(r.stderr, "tools/fetch/fetch.go:5:") {
		t.Errorf("nested module: want the finding at tools/fetch/fetch.go:5, got %v", r)
	}
	if strings.Contains(r.stderr, "testdata") {
		t.Errorf("testdata was linted: %v", r)
	}
	g.git("rm", "-q", "--cached", "-r", "tools")

	// Flags reach the linter: 400s is fine behind Google Cloud NAT.
	g.write("slow/slow.go", `package slow

import (
	"net/http"
	"time"
)

var Client = &http.Client{Transport: &http.Transport{IdleConnTimeout: 400 * time.Second}}
`)
	g.git("add", "slow")
	if r := g.cmd("commit", "-q", "-m", "slow").run(t); r.code == 0 {
		t.Errorf("400s accepted with the default -max-idle (350s): %v", r)
	}
	g.git("config", "keepalivelint.flags", "-max-idle=gcp-nat")
	if r := g.cmd("commit", "-q", "-m", "slow").run(t); r.code != 0 {
		t.Errorf("400s rejected with -max-idle=gcp-nat: %v", r)
	}

	// The staged copy stays in .git/keepalivelint/staged from one commit
	// to the next (so that the caches serve it), updated to what each
	// commit stages: a file removed from the index is gone from it too.
	// The lock is released.
	state := filepath.Join(g.dir, ".git", "keepalivelint")
	if _, err := os.Stat(filepath.Join(state, "lock")); err == nil {
		t.Errorf("the hook left its lock behind")
	}
	if got := readFile(t, filepath.Join(state, "staged", "slow", "slow.go")); !strings.Contains(got, "400 * time.Second") {
		t.Errorf("the staged copy does not hold the last commit's slow.go:\n%s", got)
	}
	if got := readFile(t, filepath.Join(state, "staged", "bad", "bad.go")); got != src(goodClient, "bad") {
		t.Errorf("the staged copy holds an old bad.go:\n%s", got)
	}
	if _, err := os.Stat(filepath.Join(state, "staged", "main.go")); err == nil {
		t.Errorf("main.go, removed from the index, is still in the staged copy")
	}
}

func TestGitHookWithoutLinter(t *testing.T) {
	t.Parallel()
	g := newGitRepo(t, "PATH=/usr/bin:/bin", "KEEPALIVELINT=/nonexistent/keepalivelint")
	hook := readFile(t, filepath.Join(repoRoot(t), "hooks", "pre-commit"))
	if err := os.WriteFile(filepath.Join(g.dir, ".git", "hooks", "pre-commit"), []byte(hook), 0o755); err != nil {
		t.Fatal(err)
	}
	g.write("go.mod", "module example.com/hooked\n\ngo 1.26\n")
	g.write("good/good.go", src(goodClient, "good"))
	g.git("add", ".")
	r := g.cmd("commit", "-q", "-m", "good client").run(t)
	if r.code == 0 || !strings.Contains(r.stderr, "go install github.com/keepalivelint/keepalivelint/cmd/keepalivelint@latest") {
		t.Errorf("without the linter the hook must fail and say how to install it: %v", r)
	}
}

// The plain hook says "Fix the findings above" for findings only: a bad
// flag and a package that does not type-check get a line of their own.
func TestGitHookSaysWhy(t *testing.T) {
	binDir, _ := keepalivelint(t)
	g := newGitRepo(t, "PATH="+binDir+string(os.PathListSeparator)+os.Getenv("PATH"))
	hook := readFile(t, filepath.Join(repoRoot(t), "hooks", "pre-commit"))
	if err := os.WriteFile(filepath.Join(g.dir, ".git", "hooks", "pre-commit"), []byte(hook), 0o755); err != nil {
		t.Fatal(err)
	}
	g.write("go.mod", "module example.com/hooked\n\ngo 1.26\n")
	g.git("add", "go.mod")
	g.git("commit", "-q", "--no-verify", "-m", "module")
	for _, tc := range []struct {
		what, file, content, flags, want string
	}{
		{"a finding", "bad/bad.go", src(badClient, "bad"), "", "Fix the findings above"},
		{"a bad flag", "good/good.go", src(goodClient, "good"), "-max-idle=aws-natgw", "a usage error"},
		{"a type error", "broken/broken.go", "package broken\n\nvar x int = \"no\"\n", "", "does not load or type-check"},
	} {
		g.write(tc.file, tc.content)
		g.git("add", tc.file)
		g.git("config", "keepalivelint.flags", tc.flags)
		r := g.cmd("commit", "-q", "-m", tc.what).run(t)
		if r.code == 0 || !strings.Contains(r.stderr, tc.want) {
			t.Errorf("%s: want the commit rejected with %q, got %v", tc.what, tc.want, r)
		}
		if tc.want != "Fix the findings above" && strings.Contains(r.stderr, "Fix the findings above") {
			t.Errorf("%s: the hook asks to fix findings there are none of: %v", tc.what, r)
		}
		g.git("rm", "-q", "-f", "--cached", tc.file)
		os.Remove(filepath.Join(g.dir, tc.file))
	}
}
