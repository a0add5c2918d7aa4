package integration

import (
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// readmeBlocks returns the fenced blocks of the README's section heading,
// in order.
func readmeBlocks(t *testing.T, heading string) []string {
	t.Helper()
	readme := readFile(t, filepath.Join(repoRoot(t), "README.md"))
	_, section, ok := strings.Cut(readme, "\n"+heading+"\n")
	if !ok {
		t.Fatalf("README.md has no %q", heading)
	}
	section, _, _ = strings.Cut(section, "\n## ")
	var blocks []string
	for _, m := range regexp.MustCompile("(?ms)^```[a-z]*\n(.*?)^```$").FindAllStringSubmatch(section, -1) {
		blocks = append(blocks, m[1])
	}
	return blocks
}

// readmeBlockAfter returns the fenced block that follows marker (an HTML
// comment, invisible when the README is rendered) in the README.
func readmeBlockAfter(t *testing.T, marker string) string {
	t.Helper()
	readme := readFile(t, filepath.Join(repoRoot(t), "README.md"))
	_, rest, ok := strings.Cut(readme, "\n"+marker+"\n")
	if !ok {
		t.Fatalf("README.md has no %q", marker)
	}
	m := regexp.MustCompile("(?s)^```[a-z]*\n(.*?)\n```\n").FindStringSubmatch(rest)
	if m == nil {
		t.Fatalf("README.md: no fenced block right after %q", marker)
	}
	return m[1] + "\n"
}

// The README's install and quick start work from a fresh clone, and the
// quick start prints what the README shows.
func TestReadmeQuickStart(t *testing.T) {
	t.Parallel()
	blocks := readmeBlocks(t, "## Quick start")
	if len(blocks) < 2 {
		t.Fatalf("the quick start has %d blocks, want the command and its output", len(blocks))
	}
	script, want := strings.TrimSpace(blocks[0]), blocks[1]

	clone := filepath.Join(t.TempDir(), "keepalivelint")
	command{dir: repoRoot(t), name: "git", args: []string{"clone", "-q", hookRepo(t), clone}}.must(t)

	cmd := exec.Command("sh", "-c", script)
	cmd.Dir = clone
	cmd.Env = append(cmd.Environ(), "GOWORK=off")
	out, err := cmd.CombinedOutput()
	if exit, ok := err.(*exec.ExitError); err != nil && !ok {
		t.Fatal(err)
	} else if ok && exit.ExitCode() != 0 {
		t.Errorf("the quick start exits %d, want 0 (-fix -diff is last)", exit.ExitCode())
	}
	got := strings.ReplaceAll(string(out), clone, "~/keepalivelint")
	if got != want {
		t.Errorf("the quick start prints\n%s\nthe README shows\n%s", got, want)
	}

	// Install from the clone: go install ./cmd/keepalivelint.
	install := readmeBlocks(t, "## Install")
	if len(install) == 0 || !strings.Contains(install[0], "go install ./cmd/keepalivelint") {
		t.Fatalf("the install section does not say go install ./cmd/keepalivelint: %q", install)
	}
	bin := t.TempDir()
	command{dir: clone, env: []string{"GOBIN=" + bin}, name: "go", args: []string{"install", "./cmd/keepalivelint"}}.must(t)
	r := command{dir: t.TempDir(), name: filepath.Join(bin, "keepalivelint"), args: []string{"-version"}}.must(t)
	if !strings.HasPrefix(r.stdout, "keepalivelint version ") {
		t.Errorf("-version of the installed binary: %v", r)
	}
}
