package integration

import (
	"encoding/json"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// doorsModule is a module whose package has an unexported helper only its
// _test.go file calls (test support), production findings, and a finding
// with related information.
var doorsModule = map[string]string{
	"go.mod": "module example.com/doors\n\ngo 1.22\n",
	"client/client.go": `// Package client is production code with a test helper.
package client

import (
	"net/http"
	"time"
)

// newTestTransport is called only from client_test.go: test support.
func newTestTransport() *http.Transport {
	return &http.Transport{}
}

// Client is production code.
var Client = &http.Client{Transport: &http.Transport{}}

func newTransport() *http.Transport {
	tr := &http.Transport{}
	tr.IdleConnTimeout = 400 * time.Second
	return tr
}

// Ledger's transport is configured on another line than it is built.
var Ledger = &http.Client{Transport: newTransport()}
`,
	"client/client_test.go": `package client

import "testing"

func TestClient(t *testing.T) {
	if newTestTransport() == nil {
		t.Fatal("no transport")
	}
}
`,
	".golangci.yml": `version: "2"
linters:
  default: none
  enable:
    - keepalivelint
  settings:
    custom:
      keepalivelint:
        type: module
        description: reports connection pools whose idle connections can outlive a NAT or load balancer
issues:
  max-issues-per-linter: 0
  max-same-issues: 0
`,
}

// ruleAtEnd is a finding's rule, the last parenthesized word of its
// message.
var ruleAtEnd = regexp.MustCompile(`\(([a-z-]+)\)$`)

// findingLines turns a driver's text output (file:line:col: message) into
// "file:line rule", files relative to dir; related-information lines
// (a tab before the message) are left out.
func findingLines(dir, out string) []string {
	var got []string
	posn := regexp.MustCompile(`^(.+\.go):(\d+):\d+: (.*)$`)
	for _, line := range strings.Split(out, "\n") {
		m := posn.FindStringSubmatch(line)
		if m == nil || strings.HasPrefix(m[3], "\t") {
			continue
		}
		rule := ruleAtEnd.FindStringSubmatch(m[3])
		if rule == nil {
			continue
		}
		file := m[1]
		if rel, err := filepath.Rel(dir, file); err == nil && filepath.IsAbs(file) {
			file = rel
		}
		got = append(got, filepath.ToSlash(file)+":"+m[2]+" "+rule[1])
	}
	slices.Sort(got)
	return slices.Compact(got)
}

// Every door gives the same answer on one module: the command (with its
// analysis cache and without), go vet -vettool and golangci-lint with the
// plugin. In particular a helper only a _test.go file calls is test
// support in all of them, and golangci-lint reports one issue per finding
// (no extra issue for related information).
func TestDoorsAgree(t *testing.T) {
	if testing.Short() {
		t.Skip("builds golangci-lint (minutes on a cold cache); skipped with -short")
	}
	_, bin := keepalivelint(t)
	gcl := customGCL(t)
	dir := t.TempDir()
	for name, content := range doorsModule {
		writeFile(t, filepath.Join(dir, name), content)
	}
	want := []string{"client/client.go:15 no-idle-timeout", "client/client.go:19 idle-timeout-too-long"}
	env := []string{"KEEPALIVELINT_CACHE=" + t.TempDir()}

	doors := map[string][]string{}
	r := command{dir: dir, env: env, name: bin, args: []string{"./..."}}.run(t)
	doors["keepalivelint"] = findingLines(dir, r.stderr)
	r = command{dir: dir, env: env, name: bin, args: []string{"-cache=false", "./..."}}.run(t)
	doors["keepalivelint -cache=false"] = findingLines(dir, r.stderr)
	r = command{dir: dir, name: "go", args: []string{"vet", "-vettool=" + bin, "./..."}}.run(t)
	doors["go vet"] = findingLines(dir, r.stderr)

	r = command{dir: dir, env: []string{"GOLANGCI_LINT_CACHE=" + t.TempDir()}, name: gcl,
		args: []string{"run", "--allow-parallel-runners", "--output.json.path=stdout", "--show-stats=false", "./..."}}.run(t)
	var report struct{ Issues []gclIssue }
	if err := json.Unmarshal([]byte(r.stdout), &report); err != nil {
		t.Fatalf("golangci-lint JSON output: %v\n%v", err, r)
	}
	var issues []string
	for _, i := range report.Issues {
		rule := ""
		if m := ruleAtEnd.FindStringSubmatch(i.Text); m != nil {
			rule = m[1]
		}
		issues = append(issues, i.Pos.Filename+":"+strconv.Itoa(i.Pos.Line)+" "+rule)
	}
	slices.Sort(issues)
	doors["golangci-lint"] = issues

	for door, got := range doors {
		if !slices.Equal(got, want) {
			t.Errorf("%s reports %q, want %q", door, got, want)
		}
	}
}
