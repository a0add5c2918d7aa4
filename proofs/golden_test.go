package proofs_test

import (
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
	golden, err := os.ReadFile(filepath.Join("..", "testdata", "src", "fixes", "grpcfix", "grpcfix.go.golden"))
	if err != nil {
		t.Fatal(err)
	}
	src := regexp.MustCompile(`\s*// want .*`).ReplaceAll(golden, nil)
	dir := t.TempDir()
	file := filepath.Join(dir, "grpcfix.go")
	if err := os.WriteFile(file, src, 0o644); err != nil {
		t.Fatal(err)
	}
	wd, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	virtual := filepath.Join(wd, "internal", "grpcfix", "grpcfix.go")
	overlay, err := json.Marshal(map[string]map[string]string{"Replace": {virtual: file}})
	if err != nil {
		t.Fatal(err)
	}
	overlayFile := filepath.Join(dir, "overlay.json")
	if err := os.WriteFile(overlayFile, overlay, 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command("go", "build", "-o", os.DevNull, "-overlay="+overlayFile, "./internal/grpcfix")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("the gRPC fix does not build against grpc-go: %v\n%s", err, out)
	}
}
