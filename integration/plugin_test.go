package integration

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The plugin is its own module so that go vet and binary users do not pull
// github.com/golangci/plugin-module-register; `go test ./...` in the root
// module does not reach it, so run its tests from here (with -short under
// -short).
func TestPluginModule(t *testing.T) {
	t.Parallel()
	dir := filepath.Join(repoRoot(t), "golangci-plugin")
	command{dir: dir, name: "go", args: []string{"vet", "./..."}}.must(t)
	args := []string{"test", "-count=1"}
	if testing.Short() {
		args = append(args, "-short")
	}
	r := command{dir: dir, name: "go", args: append(args, "./...")}.run(t)
	if r.code != 0 {
		t.Fatalf("tests of the golangci-plugin module failed: %v", r)
	}
}

func TestRootModuleDoesNotRequirePluginRegister(t *testing.T) {
	t.Parallel()
	data, err := os.ReadFile(filepath.Join(repoRoot(t), "go.mod"))
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(data), "github.com/golangci/") {
		t.Errorf("the root go.mod requires a golangci module; that belongs in golangci-plugin/go.mod:\n%s", data)
	}
}
