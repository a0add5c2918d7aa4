package integration

// golangci-lint v2 with the keepalivelint module plugin, built the way
// `golangci-lint custom` builds it but from the Go module proxy alone
// (custom clones github.com/golangci/golangci-lint, which CI cannot reach):
// by the README's recipe "from a clone", run as written (its two blocks,
// with this checkout's path on the first line of the second), so that the
// recipe a user pastes is the one the tests build with. See
// /golangci-plugin and the README.

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"
)

const (
	// golangciVersion is the golangci-lint release the plugin is built
	// into. Its pkg/commands is not a promised API: pin it, and bump it
	// together with .custom-gcl.yml and the README.
	golangciVersion = "v2.15.0"
	golangciModule  = "github.com/golangci/golangci-lint/v2"
	rootModule      = "github.com/keepalivelint/keepalivelint"
	pluginModule    = rootModule + "/golangci-plugin"
	// unpublished is the version required of the replaced local modules.
	unpublished = "v0.0.0-00010101000000-000000000000"
)

// gclRecipe returns the README's recipe for building golangci-lint with
// the plugin from a clone, as a shell script for root: the block that
// makes the scratch module and the one that replaces both modules by the
// clone, whose first line (KEEPALIVELINT=...) is the one a user edits.
func gclRecipe(t *testing.T, root string) string {
	t.Helper()
	main := readmeBlockAfter(t, "<!-- recipe: custom-gcl main -->")
	clone := readmeBlockAfter(t, "<!-- recipe: custom-gcl clone -->")
	first, rest, _ := strings.Cut(clone, "\n")
	if !strings.HasPrefix(first, "KEEPALIVELINT=") {
		t.Fatalf("the README's clone recipe does not start with KEEPALIVELINT=: %q", first)
	}
	for _, want := range []string{"go get " + golangciModule + "@" + golangciVersion, "-replace=" + rootModule + "=", "-replace=" + pluginModule + "="} {
		if !strings.Contains(rest, want) {
			t.Fatalf("the README's clone recipe lacks %q", want)
		}
	}
	return main + "KEEPALIVELINT=" + root + "\n" + rest
}

var (
	gclOnce sync.Once
	gclPath string
	gclErr  error
	gclLog  []string
)

// customGCL returns the path of the custom golangci-lint binary, building
// it unless the cache holds one built from the same sources.
func customGCL(t *testing.T) string {
	t.Helper()
	gclOnce.Do(func() {
		gclPath, gclErr = buildCustomGCL(t, repoRoot(t))
		for _, l := range gclLog {
			t.Log(l)
		}
	})
	if gclErr != nil {
		t.Fatal(gclErr)
	}
	return gclPath
}

// cacheDir is where built binaries are kept: $KEEPALIVELINT_CACHE, or
// keepalivelint/custom-gcl under os.UserCacheDir().
func cacheDir() (string, error) {
	if dir := os.Getenv("KEEPALIVELINT_CACHE"); dir != "" {
		return filepath.Join(dir, "custom-gcl"), nil
	}
	dir, err := os.UserCacheDir()
	if err != nil {
		return "", err
	}
	return filepath.Join(dir, "keepalivelint", "custom-gcl"), nil
}

func buildCustomGCL(t *testing.T, root string) (string, error) {
	logf := func(format string, args ...any) { gclLog = append(gclLog, fmt.Sprintf(format, args...)) }
	start := time.Now()
	key, err := sourceKey(t, root)
	if err != nil {
		return "", fmt.Errorf("hashing the plugin's sources: %v", err)
	}
	base, err := cacheDir()
	if err != nil {
		return "", err
	}
	dir := filepath.Join(base, key[:24])
	bin := filepath.Join(dir, "custom-gcl")
	if _, err := os.Stat(bin); err == nil {
		now := time.Now()
		os.Chtimes(dir, now, now) // most recently used, for pruning
		record, _ := os.ReadFile(filepath.Join(dir, "build.txt"))
		logf("custom golangci-lint: cache hit %s (lookup %v); %s", bin, time.Since(start).Round(time.Millisecond), strings.TrimSpace(string(record)))
		return bin, nil
	}

	scratch, err := os.MkdirTemp("", "custom-gcl-")
	if err != nil {
		return "", err
	}
	defer os.RemoveAll(scratch)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", err
	}
	r := command{dir: scratch, env: []string{"GOFLAGS=-mod=mod"}, name: "sh", args: []string{"-e", "-c", gclRecipe(t, root)}}.run(t)
	if r.code != 0 {
		return "", fmt.Errorf("building golangci-lint with the plugin by the README's recipe: %v", r)
	}
	data, err := os.ReadFile(filepath.Join(scratch, "custom-gcl", "custom-gcl"))
	if err != nil {
		return "", fmt.Errorf("the README's recipe built no custom-gcl/custom-gcl: %v", err)
	}
	tmpBin := bin + fmt.Sprintf(".tmp%d", os.Getpid())
	if err := os.WriteFile(tmpBin, data, 0o755); err != nil {
		return "", err
	}
	if err := os.Rename(tmpBin, bin); err != nil {
		return "", err
	}
	record := fmt.Sprintf("built %s with golangci-lint %s, %s, in %v (the README's recipe)",
		time.Now().UTC().Format(time.RFC3339), golangciVersion, runtime.Version(),
		time.Since(start).Round(time.Second))
	os.WriteFile(filepath.Join(dir, "build.txt"), []byte(record+"\n"), 0o644)
	logf("custom golangci-lint: cache miss, %s", record)
	pruneCache(base, 3)
	return bin, nil
}

// sourceKey hashes what goes into the binary besides golangci-lint itself:
// the golangci-lint version, the Go toolchain, the README's recipe, the
// plugin module's sources, and the files of the root module's packages the
// analyzer is built from (found with go list), with go.mod and go.sum.
func sourceKey(t *testing.T, root string) (string, error) {
	h := sha256.New()
	fmt.Fprintf(h, "golangci-lint %s\n%s %s/%s\n%s\n", golangciVersion, runtime.Version(), runtime.GOOS, runtime.GOARCH, gclRecipe(t, root))

	var files []string
	r := command{dir: root, name: "go", args: []string{"list", "-deps", "-json=Dir,Module,GoFiles,CgoFiles,EmbedFiles", "./analyzer"}}.run(t)
	if r.code != 0 {
		return "", fmt.Errorf("go list: %v", r)
	}
	dec := json.NewDecoder(strings.NewReader(r.stdout))
	for dec.More() {
		var p struct {
			Dir                           string
			Module                        *struct{ Path string }
			GoFiles, CgoFiles, EmbedFiles []string
		}
		if err := dec.Decode(&p); err != nil {
			return "", err
		}
		if p.Module == nil || p.Module.Path != rootModule {
			continue // the standard library or a dependency, pinned by go.sum
		}
		for _, f := range slices.Concat(p.GoFiles, p.CgoFiles, p.EmbedFiles) {
			files = append(files, filepath.Join(p.Dir, f))
		}
	}
	files = append(files, filepath.Join(root, "go.mod"), filepath.Join(root, "go.sum"))
	plugin := filepath.Join(root, "golangci-plugin")
	err := filepath.WalkDir(plugin, func(path string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && d.Name() == "testdata" {
			return filepath.SkipDir
		}
		name := d.Name()
		if !d.IsDir() && (name == "go.mod" || name == "go.sum" || strings.HasSuffix(name, ".go") && !strings.HasSuffix(name, "_test.go")) {
			files = append(files, path)
		}
		return nil
	})
	if err != nil {
		return "", err
	}
	slices.Sort(files)
	for _, f := range files {
		rel, _ := filepath.Rel(root, f)
		fmt.Fprintf(h, "file %s\n", filepath.ToSlash(rel))
		in, err := os.Open(f)
		if err != nil {
			return "", err
		}
		_, err = io.Copy(h, in)
		in.Close()
		if err != nil {
			return "", err
		}
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

// pruneCache keeps the keep most recently used builds under base.
func pruneCache(base string, keep int) {
	entries, err := os.ReadDir(base)
	if err != nil {
		return
	}
	type build struct {
		path string
		used time.Time
	}
	var builds []build
	for _, e := range entries {
		if info, err := e.Info(); err == nil && e.IsDir() {
			builds = append(builds, build{filepath.Join(base, e.Name()), info.ModTime()})
		}
	}
	slices.SortFunc(builds, func(a, b build) int { return b.used.Compare(a.used) })
	for _, b := range builds[min(keep, len(builds)):] {
		os.RemoveAll(b.path)
	}
}

// gclIssue is one issue of golangci-lint's JSON output.
type gclIssue struct {
	FromLinter string
	Text       string
	Pos        struct {
		Filename string
		Line     int
	}
}

func (i gclIssue) String() string {
	return fmt.Sprintf("%s:%d: %s (%s)", i.Pos.Filename, i.Pos.Line, i.Text, i.FromLinter)
}

// lintFixture copies testdata/golangci to a temporary directory, lets edit
// change it, and runs the custom golangci-lint on it with args.
func lintFixture(t *testing.T, edit func(dir string), args ...string) (dir string, r result, issues []gclIssue) {
	t.Helper()
	gcl := customGCL(t)
	dir = t.TempDir()
	copyDir(t, filepath.Join(repoRoot(t), "testdata", "golangci"), dir)
	if edit != nil {
		edit(dir)
	}
	// The subtests run in parallel: golangci-lint refuses to unless told
	// (a lock file in the temporary directory); each run has its own cache.
	r = command{
		dir:  dir,
		env:  []string{"GOLANGCI_LINT_CACHE=" + t.TempDir()},
		name: gcl,
		args: append([]string{"run", "--allow-parallel-runners", "--output.json.path=stdout", "--show-stats=false"}, append(args, "./...")...),
	}.run(t)
	if r.code != 0 && r.code != 1 { // 1: issues found
		return dir, r, nil
	}
	var report struct{ Issues []gclIssue }
	if err := json.Unmarshal([]byte(r.stdout), &report); err != nil {
		t.Fatalf("golangci-lint JSON output: %v\n%v", err, r)
	}
	return dir, r, report.Issues
}

func issueIn(issues []gclIssue, file string, textPrefix string) bool {
	for _, i := range issues {
		if i.FromLinter == "keepalivelint" && i.Pos.Filename == file && strings.HasPrefix(i.Text, textPrefix) {
			return true
		}
	}
	return false
}

func issuesIn(issues []gclIssue, file string) int {
	n := 0
	for _, i := range issues {
		if i.Pos.Filename == file {
			n++
		}
	}
	return n
}

const noIdleTimeout = "http.Transport has no IdleConnTimeout"

func setMaxIdle(t *testing.T, value string) func(dir string) {
	return func(dir string) {
		cfg := filepath.Join(dir, ".golangci.yml")
		src := readFile(t, cfg)
		out := strings.Replace(src, "max-idle: aws-nat", "max-idle: "+value, 1)
		if out == src {
			t.Fatal("testdata/golangci/.golangci.yml has no max-idle: aws-nat")
		}
		writeFile(t, cfg, out)
	}
}

func TestGolangciLint(t *testing.T) {
	t.Parallel()
	if testing.Short() {
		t.Skip("builds golangci-lint (minutes on a cold cache); skipped with -short")
	}
	customGCL(t) // build before the parallel subtests

	t.Run("findings", func(t *testing.T) {
		t.Parallel()
		_, r, issues := lintFixture(t, nil)
		if r.code != 1 {
			t.Fatalf("want exit status 1 (issues), got %v", r)
		}
		if !issueIn(issues, "payments/payments.go", noIdleTimeout) {
			t.Errorf("payments/payments.go: no %q issue in %v", noIdleTimeout, issues)
		}
		if !issueIn(issues, "ledger/ledger.go", "") {
			t.Errorf("ledger/ledger.go: 400s is above aws-nat's 350s, no issue in %v", issues)
		}
		// //nolint:keepalivelint on the line suppresses the issue.
		if n := issuesIn(issues, "quiet/quiet.go"); n != 0 {
			t.Errorf("quiet/quiet.go: //nolint:keepalivelint did not suppress: %v", issues)
		}
		if len(issues) != 2 {
			t.Errorf("want 2 issues, got %d: %v", len(issues), issues)
		}
	})

	t.Run("nolint", func(t *testing.T) {
		t.Parallel()
		// Without the directive the same line is reported: the directive,
		// not something else, kept it quiet.
		_, r, issues := lintFixture(t, func(dir string) {
			f := filepath.Join(dir, "quiet", "quiet.go")
			src := readFile(t, f)
			out := strings.Replace(src, " //nolint:keepalivelint // loopback only", "", 1)
			if out == src {
				t.Fatal("quiet.go has no //nolint:keepalivelint directive")
			}
			writeFile(t, f, out)
		})
		if r.code != 1 || !issueIn(issues, "quiet/quiet.go", noIdleTimeout) {
			t.Errorf("without //nolint, quiet/quiet.go must be reported: %v\n%v", issues, r)
		}
	})

	t.Run("settings change the verdict", func(t *testing.T) {
		t.Parallel()
		_, r, issues := lintFixture(t, setMaxIdle(t, "gcp-nat"))
		if r.code != 1 || !issueIn(issues, "payments/payments.go", noIdleTimeout) {
			t.Errorf("max-idle: gcp-nat: payments/payments.go must still be reported: %v\n%v", issues, r)
		}
		if n := issuesIn(issues, "ledger/ledger.go"); n != 0 {
			t.Errorf("max-idle: gcp-nat (1200s): ledger/ledger.go (400s) must be quiet: %v", issues)
		}
	})

	t.Run("invalid settings", func(t *testing.T) {
		t.Parallel()
		_, r, _ := lintFixture(t, setMaxIdle(t, "aws-natgw"))
		if r.code == 0 || r.code == 1 {
			t.Fatalf("max-idle: aws-natgw: want a configuration error, got %v", r)
		}
		for _, want := range []string{`keepalivelint settings: max-idle: invalid idle limit "aws-natgw"`, "aws-alb, aws-clb"} {
			if !strings.Contains(r.output(), want) {
				t.Errorf("the error does not contain %q: %v", want, r)
			}
		}
	})

	t.Run("fix", func(t *testing.T) {
		t.Parallel()
		dir, r, _ := lintFixture(t, nil, "--fix")
		if r.code != 0 && r.code != 1 {
			t.Fatalf("--fix: %v", r)
		}
		src := readFile(t, filepath.Join(dir, "payments", "payments.go"))
		if !regexp.MustCompile(`IdleConnTimeout:\s+90 \* time\.Second`).MatchString(src) || !strings.Contains(src, `"time"`) {
			t.Errorf("--fix did not insert IdleConnTimeout: 90 * time.Second and the time import:\n%s", src)
		}
		command{dir: dir, name: "go", args: []string{"build", "./..."}}.must(t)
		_, r, issues := lintFixture(t, func(fixed string) {
			copyDir(t, filepath.Join(dir, "payments"), filepath.Join(fixed, "payments"))
		})
		if issuesIn(issues, "payments/payments.go") != 0 {
			t.Errorf("after --fix, payments/payments.go is still reported: %v\n%v", issues, r)
		}
	})
}
