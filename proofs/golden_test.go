package proofs_test

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"testing"
)

// TestGRPCFixCompiles builds the gRPC fix's golden file (the code the
// suggested fix produces) against the real grpc-go this module requires:
// the analyzer's fixtures use a stub, and the fix must compile with the
// real API too. The file enters the build through an overlay, so nothing is
// written into the module.
func TestGRPCFixCompiles(t *testing.T) {
	buildGolden(t, "./internal/grpcfix", map[string]string{
		"fixes/grpcfix/grpcfix.go.golden": "internal/grpcfix/grpcfix.go",
	})
}

// TestGRPCWrapperFixCompiles builds the fix on the caller's call of a
// dialing wrapper of another package (fixes/grpcwrapfix: the wrapper in
// its house package, the caller's golden file) against the real grpc-go.
func TestGRPCWrapperFixCompiles(t *testing.T) {
	buildGolden(t, "./internal/grpcwrapfix", map[string]string{
		"fixes/grpcwrapfix/grpcwrapfix.go.golden": "internal/grpcwrapfix/grpcwrapfix.go",
		"fixes/grpcwrapfix/house/house.go":        "internal/grpcwrapfix/house/house.go",
	})
}

// buildGolden builds pkg with files of testdata/src (want comments
// removed, imports of testdata packages moved under this module) put in
// place, relative to this module, through an overlay.
func buildGolden(t *testing.T, pkg string, files map[string]string) {
	t.Helper()
	wd, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	replace := map[string]string{}
	for src, dst := range files {
		text, err := os.ReadFile(filepath.Join("..", "testdata", "src", filepath.FromSlash(src)))
		if err != nil {
			t.Fatal(err)
		}
		text = regexp.MustCompile(`\s*// want .*`).ReplaceAll(text, nil)
		text = bytes.ReplaceAll(text, []byte(`"fixes/`), []byte(`"github.com/keepalivelint/keepalivelint/proofs/internal/`))
		file := filepath.Join(dir, filepath.Base(dst))
		if err := os.WriteFile(file, text, 0o644); err != nil {
			t.Fatal(err)
		}
		replace[filepath.Join(wd, filepath.FromSlash(dst))] = file
	}
	overlay, err := json.Marshal(map[string]map[string]string{"Replace": replace})
	if err != nil {
		t.Fatal(err)
	}
	overlayFile := filepath.Join(dir, "overlay.json")
	if err := os.WriteFile(overlayFile, overlay, 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command("go", "build", "-o", os.DevNull, "-overlay="+overlayFile, pkg)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("the fix does not build against grpc-go: %v\n%s", err, out)
	}
}
