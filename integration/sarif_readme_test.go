package integration

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// The README's code-scanning workflow runs the command its SARIF section
// shows, uploads the file that command writes, with the permission the
// upload needs; the command, run as written, writes a SARIF 2.1.0 log of
// the example module's findings and exits 0. (The log's content and its
// validity against the schema: cmd/keepalivelint's TestSARIF.)
func TestReadmeSARIF(t *testing.T) {
	blocks := readmeBlocks(t, "### SARIF and GitHub code scanning")
	if len(blocks) != 2 {
		t.Fatalf("the SARIF section has %d blocks, want the command and the workflow", len(blocks))
	}
	script, workflow := strings.TrimSpace(blocks[0]), blocks[1]
	_, file, ok := strings.Cut(script, " > ")
	if !ok || !strings.HasPrefix(script, "keepalivelint -format=sarif ") {
		t.Fatalf("the SARIF section's command %q does not write -format=sarif output to a file", script)
	}
	for _, want := range []string{
		"- run: " + script + "\n",
		"uses: github/codeql-action/upload-sarif@v3\n",
		"sarif_file: " + file + "\n",
		"security-events: write",
		"uses: actions/checkout@",
	} {
		if !strings.Contains(workflow, want) {
			t.Errorf("the workflow does not have %q:\n%s", want, workflow)
		}
	}

	binDir, _ := keepalivelint(t)
	dir := t.TempDir()
	copyDir(t, filepath.Join(repoRoot(t), "testdata", "incident"), dir)
	cmd := exec.Command("sh", "-c", script)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOWORK=off", "PATH="+binDir+string(os.PathListSeparator)+os.Getenv("PATH"))
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("%s: %v\n%s", script, err, out)
	}
	var log struct {
		Version string
		Runs    []struct{ Results []json.RawMessage }
	}
	if err := json.Unmarshal([]byte(readFile(t, filepath.Join(dir, file))), &log); err != nil {
		t.Fatalf("%s: %v", file, err)
	}
	if log.Version != "2.1.0" || len(log.Runs) != 1 || len(log.Runs[0].Results) != 2 {
		t.Errorf("%s: version %q, %d runs; want a SARIF 2.1.0 log of one run with the module's two findings", file, log.Version, len(log.Runs))
	}
}
