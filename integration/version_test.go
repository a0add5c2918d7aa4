package integration

import (
	"archive/zip"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
)

// moduleProxy writes a GOPROXY directory serving this checkout's root
// module at each of versions: what the module proxy serves once a version
// is tagged or a commit is pushed. The zip holds the command's and the
// analyzer's sources, enough to go install the command.
func moduleProxy(t *testing.T, versions ...string) string {
	t.Helper()
	proxy := t.TempDir()
	serveModule(t, proxy, rootModule, repoRoot(t), []string{"go.mod", "go.sum", "LICENSE", "analyzer/*.go", "analyzer/internal/*/*.go", "cmd/keepalivelint/*.go", "cmd/keepalivelint/internal/*/*.go"}, versions...)
	return proxy
}

// serveModule adds module, made of the files of dir that patterns match
// (test files left out), to the GOPROXY directory proxy, at versions.
func serveModule(t *testing.T, proxy, module, dir string, patterns []string, versions ...string) {
	t.Helper()
	at := filepath.Join(proxy, filepath.FromSlash(module), "@v")
	if err := os.MkdirAll(at, 0o755); err != nil {
		t.Fatal(err)
	}
	var files []string
	for _, pattern := range patterns {
		matches, err := filepath.Glob(filepath.Join(dir, pattern))
		if err != nil || len(matches) == 0 {
			t.Fatalf("%s: %v", pattern, err)
		}
		files = append(files, matches...)
	}
	for _, v := range versions {
		writeFile(t, filepath.Join(at, v+".info"), fmt.Sprintf(`{"Version":%q,"Time":"2026-01-01T00:00:00Z"}`, v))
		writeFile(t, filepath.Join(at, v+".mod"), readFile(t, filepath.Join(dir, "go.mod")))
		f, err := os.Create(filepath.Join(at, v+".zip"))
		if err != nil {
			t.Fatal(err)
		}
		zw := zip.NewWriter(f)
		for _, name := range files {
			if strings.HasSuffix(name, "_test.go") {
				continue
			}
			rel, _ := filepath.Rel(dir, name)
			w, err := zw.Create(module + "@" + v + "/" + filepath.ToSlash(rel))
			if err != nil {
				t.Fatal(err)
			}
			if _, err := w.Write([]byte(readFile(t, name))); err != nil {
				t.Fatal(err)
			}
		}
		if err := zw.Close(); err != nil {
			t.Fatal(err)
		}
		f.Close()
	}
	writeFile(t, filepath.Join(at, "list"), strings.Join(versions, "\n")+"\n")
}

// proxyEnv is the environment of a go command that fetches modules from
// proxy, and their dependencies from the module cache, into a throw-away
// module cache: fake versions stay out of the user's.
// The real dependencies are downloaded first (once per test binary): on a
// fresh machine the module cache holds only what earlier builds needed.
func proxyEnv(t *testing.T, proxy string) []string {
	depsDownloaded.Do(func() {
		for _, dir := range []string{repoRoot(t), filepath.Join(repoRoot(t), "golangci-plugin")} {
			command{dir: dir, name: "go", args: []string{"mod", "download"}}.must(t)
		}
	})
	gomodcache := strings.TrimSpace(command{dir: repoRoot(t), name: "go", args: []string{"env", "GOMODCACHE"}}.must(t).stdout)
	return []string{
		"GOPROXY=file://" + filepath.ToSlash(proxy) + ",file://" + filepath.ToSlash(filepath.Join(gomodcache, "cache", "download")),
		"GOMODCACHE=" + t.TempDir(), "GOFLAGS=-modcacherw", "GOSUMDB=off", "GOTOOLCHAIN=local",
	}
}

var depsDownloaded sync.Once

// Until a release is tagged, the plugin module requires an unpublished
// version of the root module (its replace serves this checkout only), so
// a build that pins the plugin to a commit must pin the root module to the
// same commit, as the README says; the plugin alone does not resolve.
func TestPluginPinnedByCommit(t *testing.T) {
	t.Parallel()
	const pseudo = "v0.0.0-20260101000000-0123456789ab"
	proxy := moduleProxy(t, pseudo)
	serveModule(t, proxy, pluginModule, filepath.Join(repoRoot(t), "golangci-plugin"), []string{"go.mod", "go.sum", "*.go"}, pseudo)
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "go.mod"), "module example.com/custom-gcl\n\ngo 1.26\n")
	writeFile(t, filepath.Join(dir, "main.go"), "package main\n\nimport _ \""+pluginModule+"\"\n\nfunc main() {}\n")
	env := proxyEnv(t, proxy)
	if r := (command{dir: dir, env: env, name: "go", args: []string{"get", pluginModule + "@" + pseudo}}).run(t); r.code == 0 {
		t.Logf("the plugin alone resolved; the README's advice to pin both is then only cautious: %v", r)
	}
	command{dir: dir, env: env, name: "go", args: []string{"get", rootModule + "@" + pseudo, pluginModule + "@" + pseudo}}.must(t)
	command{dir: dir, env: env, name: "go", args: []string{"build", "./..."}}.must(t)
}

// go install of a tagged version, or of a commit (a pseudo-version), gives
// a binary whose -version and -V=full name that version; and go vet
// accepts the -V=full of a version that is not "devel" as the tool's ID.
func TestVersionWhenInstalled(t *testing.T) {
	t.Parallel()
	if testing.Short() {
		t.Skip("go installs the command twice from a module proxy and runs go vet with each binary, which no run has cached; skipped with -short")
	}
	const pseudo = "v0.0.0-20260101000000-0123456789ab"
	proxy := moduleProxy(t, "v0.1.0", pseudo)
	for _, v := range []string{"v0.1.0", pseudo} {
		t.Run(v, func(t *testing.T) {
			bin := t.TempDir()
			env := append(proxyEnv(t, proxy), "GOBIN="+bin)
			command{dir: t.TempDir(), env: env, name: "go", args: []string{"install", rootModule + "/cmd/keepalivelint@" + v}}.must(t)
			kal := filepath.Join(bin, "keepalivelint")
			r := command{dir: t.TempDir(), name: kal, args: []string{"-version"}}.must(t)
			if !regexp.MustCompile(`^keepalivelint version ` + regexp.QuoteMeta(v) + ` go\S+\n$`).MatchString(r.stdout) {
				t.Errorf("-version: want keepalivelint version %s, got %q", v, r.stdout)
			}
			full := command{dir: t.TempDir(), name: kal, args: []string{"-V=full"}}.must(t)
			if !strings.HasPrefix(full.stdout, strings.TrimSpace(r.stdout)+" buildID=") {
				t.Errorf("-V=full: %q does not say what -version says (%q)", full.stdout, r.stdout)
			}
			incident := filepath.Join(repoRoot(t), "testdata", "incident")
			if r := (command{dir: incident, name: "go", args: []string{"vet", "-vettool=" + kal, "./safe"}}).run(t); r.code != 0 {
				t.Errorf("go vet -vettool with version %s: %v", v, r)
			}
			if r := (command{dir: incident, name: "go", args: []string{"vet", "-vettool=" + kal, "./scheduler"}}).run(t); r.code == 0 || !strings.Contains(r.stderr, "(no-idle-timeout)") {
				t.Errorf("go vet -vettool with version %s: want the scheduler's finding, got %v", v, r)
			}
		})
	}
}
