package integration

import (
	"path/filepath"
	"strings"
	"testing"
)

// The README names two test commands: the quick suite for everyday work
// and the full one CI runs. .ci/run must run the full command, each of its
// parts as the README writes it, so that the two cannot drift apart.
func TestCIRunsReadmeTestCommand(t *testing.T) {
	t.Parallel()
	var quick, full string
	for _, b := range readmeBlocks(t, "## Development") {
		b = strings.TrimSpace(b)
		switch {
		case strings.HasPrefix(b, "go test -short "):
			quick = b
		case strings.HasPrefix(b, "go test -timeout "):
			full = b
		}
	}
	if quick == "" || full == "" {
		t.Fatalf("the README's Development section has no quick (go test -short ...) or full (go test -timeout ...) test command: %q, %q", quick, full)
	}
	ci := readFile(t, filepath.Join(repoRoot(t), ".ci", "run"))
	lines := map[string]bool{}
	for _, l := range strings.Split(ci, "\n") {
		lines[strings.TrimSpace(l)] = true
	}
	for _, part := range splitAnd(full) {
		if !lines[part] {
			t.Errorf(".ci/run has no line %q (a part of the README's full test command %q)", part, full)
		}
	}
	if strings.Contains(ci, "-short") {
		t.Errorf(".ci/run runs a -short test: CI runs the full suite")
	}
}

// splitAnd splits a shell command list at the && outside parentheses.
func splitAnd(cmd string) []string {
	var parts []string
	depth, start := 0, 0
	for i := 0; i < len(cmd); i++ {
		switch {
		case cmd[i] == '(':
			depth++
		case cmd[i] == ')':
			depth--
		case depth == 0 && strings.HasPrefix(cmd[i:], " && "):
			parts = append(parts, cmd[start:i])
			start = i + len(" && ")
		}
	}
	return append(parts, cmd[start:])
}
