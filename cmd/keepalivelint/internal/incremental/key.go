package incremental

import (
	"crypto/sha256"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"

	"golang.org/x/tools/go/packages"
)

// A Key names what a package's analysis depends on, as the go command's
// action IDs do: the tool and its flags, the go command's environment, the
// package's files, and the keys of the packages it imports. A package
// whose key is unchanged has the same facts and diagnostics.
type Key [sha256.Size]byte

// keyFormat changes when what the cache holds changes shape.
const keyFormat = "keepalivelint incremental 1"

// goEnv is what of the go command's environment decides how packages
// build; its JSON is part of every key.
type goEnv struct {
	GOROOT, GOMODCACHE, GOCACHE, GOVERSION, GOOS, GOARCH, GOFLAGS, GOEXPERIMENT, CGO_ENABLED string
	GOPATH, GOWORK, GO111MODULE                                                              string
}

func readGoEnv(dir string) (goEnv, []byte, error) {
	cmd := exec.Command("go", "env", "-json", "GOROOT", "GOMODCACHE", "GOCACHE", "GOVERSION", "GOOS", "GOARCH", "GOFLAGS", "GOEXPERIMENT", "CGO_ENABLED", "GOPATH", "GOWORK", "GO111MODULE")
	cmd.Dir = dir
	out, err := cmd.Output()
	if err != nil {
		return goEnv{}, nil, fmt.Errorf("go env: %v", err)
	}
	var env goEnv
	if err := json.Unmarshal(out, &env); err != nil {
		return goEnv{}, nil, fmt.Errorf("go env: %v", err)
	}
	return env, out, nil
}

// hasher computes the keys of a package graph.
type hasher struct {
	base      []byte // the tool, its flags and the environment
	immutable []string
	keys      map[*packages.Package]Key
	files     map[string][sha256.Size]byte // content hashes, by file name (a package and its test variant share files)
}

// newHasher: tool is what identifies the analysis (the executable's hash,
// the flags); env is go env's JSON.
func newHasher(tool string, env goEnv, envJSON []byte) *hasher {
	h := &hasher{keys: map[*packages.Package]Key{}, files: map[string][sha256.Size]byte{}}
	h.base = fmt.Appendf(nil, "%s\n%s\n%s\n", keyFormat, tool, envJSON)
	// Files that never change under the same name: modules in the module
	// cache (a directory per version, verified by go.sum), the go
	// command's cgo output (named by its content), and a released GOROOT
	// (its version is in the key).
	for _, dir := range []string{env.GOMODCACHE, env.GOCACHE} {
		if dir != "" {
			h.immutable = append(h.immutable, filepath.Clean(dir)+string(filepath.Separator))
		}
	}
	if env.GOROOT != "" && !strings.Contains(env.GOVERSION, "devel") {
		if _, err := os.Stat(filepath.Join(env.GOROOT, "VERSION")); err == nil {
			h.immutable = append(h.immutable, filepath.Clean(env.GOROOT)+string(filepath.Separator))
		}
	}
	return h
}

// key returns p's key, computing those of its imports first.
func (h *hasher) key(p *packages.Package) (Key, error) {
	if k, ok := h.keys[p]; ok {
		return k, nil
	}
	s := sha256.New()
	s.Write(h.base)
	fmt.Fprintf(s, "id %q path %q name %q\n", p.ID, p.PkgPath, p.Name)
	if m := p.Module; m != nil {
		fmt.Fprintf(s, "module %q %q %q %v\n", m.Path, m.Version, m.GoVersion, m.Main)
	}
	if p.TypesSizes != nil {
		fmt.Fprintf(s, "sizes %v\n", p.TypesSizes)
	}
	for _, list := range [][]string{p.CompiledGoFiles, p.OtherFiles, p.IgnoredFiles} {
		fmt.Fprintf(s, "files %d\n", len(list))
		for _, name := range list {
			sum, err := h.file(name)
			if err != nil {
				return Key{}, err
			}
			fmt.Fprintf(s, "%q %x\n", name, sum)
		}
	}
	var tests []string
	if len(p.GoFiles) > 0 && !h.isImmutable(p.GoFiles[0]) {
		tests = unseenTestFiles(p) // where files change
	}
	fmt.Fprintf(s, "unseen tests %d\n", len(tests))
	for _, name := range tests {
		sum, err := h.file(name)
		if err != nil {
			return Key{}, err
		}
		fmt.Fprintf(s, "%q %x\n", name, sum)
	}
	paths := make([]string, 0, len(p.Imports))
	for path := range p.Imports {
		paths = append(paths, path)
	}
	slices.Sort(paths)
	for _, path := range paths {
		dep := p.Imports[path]
		k, err := h.key(dep)
		if err != nil {
			return Key{}, err
		}
		fmt.Fprintf(s, "import %q %q %x\n", path, dep.ID, k)
	}
	var k Key
	s.Sum(k[:0])
	h.keys[p] = k
	return k, nil
}

// isImmutable reports whether the file lies where files never change.
func (h *hasher) isImmutable(name string) bool {
	for _, dir := range h.immutable {
		if strings.HasPrefix(name, dir) {
			return true
		}
	}
	return false
}

// file returns a hash of the file's content, or of its name alone when it
// lies where files do not change.
func (h *hasher) file(name string) ([sha256.Size]byte, error) {
	if h.isImmutable(name) {
		return sha256.Sum256([]byte("immutable " + name)), nil
	}
	sum, ok := h.files[name]
	if ok {
		return sum, nil
	}
	f, err := os.Open(name)
	if err != nil {
		return sum, err
	}
	defer f.Close()
	s := sha256.New()
	if _, err := io.Copy(s, f); err != nil {
		return sum, err
	}
	s.Sum(sum[:0])
	h.files[name] = sum
	return sum, nil
}

// unseenTestFiles returns the _test.go files in the directory of p when p
// includes none (it is not a test variant): the analyzer reads them to know
// which of the package's helpers only tests call (analyzer/testfiles.go),
// so the package's results depend on them. A package that includes its
// test files has them in its file lists already.
func unseenTestFiles(p *packages.Package) []string {
	if len(p.GoFiles) == 0 || slices.ContainsFunc(p.GoFiles, func(name string) bool { return strings.HasSuffix(name, "_test.go") }) {
		return nil
	}
	names, _ := filepath.Glob(filepath.Join(filepath.Dir(p.GoFiles[0]), "*_test.go"))
	return names
}
