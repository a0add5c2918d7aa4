package incremental

import (
	"os"
	"path/filepath"
	"testing"

	"golang.org/x/tools/go/packages"
)

// A package analyzed without its _test.go files still depends on them
// (the analyzer reads which helpers only tests call): editing one changes
// the package's key; its test variant keys them as its own files.
func TestKeyUnseenTests(t *testing.T) {
	dir := t.TempDir()
	src, test := filepath.Join(dir, "p.go"), filepath.Join(dir, "p_test.go")
	write := func(name, content string) {
		t.Helper()
		if err := os.WriteFile(name, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write(src, "package p\n\nfunc helper() {}\n")
	write(test, "package p\n")
	p := &packages.Package{ID: "p", PkgPath: "p", Name: "p", GoFiles: []string{src}, CompiledGoFiles: []string{src}}
	key := func() Key {
		t.Helper()
		k, err := newHasher("test", goEnv{}, nil).key(p)
		if err != nil {
			t.Fatal(err)
		}
		return k
	}
	before := key()
	if key() != before {
		t.Fatal("the key is not stable")
	}
	write(test, "package p\n\nfunc init() { helper() }\n")
	if key() == before {
		t.Error("editing p_test.go left the key of p (without its tests) unchanged")
	}
}
