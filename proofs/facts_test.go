package proofs_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestFactsFollowGoConnectionsVersion runs keepalivelint on a module that
// hands a transport to the real github.com/moby/moby/client (the way
// docker/cli's context loader does: WithHTTPClient, then WithHost, whose
// sockets.ConfigureTransport bounds an unsized pool since go-connections
// v0.7) with go-connections at two versions: the verdict must follow what
// the version's source does. It needs the Go module proxy.
func TestFactsFollowGoConnectionsVersion(t *testing.T) {
	if testing.Short() {
		t.Skip("downloads modules")
	}
	bin := filepath.Join(t.TempDir(), "keepalivelint")
	run(t, "..", "go", "build", "-o", bin, "./cmd/keepalivelint")
	const src = `package main

import (
	"net/http"

	"github.com/moby/moby/client"
)

// withHost: WithHost configures the transport WithHTTPClient stored.
func withHost(host string) []client.Opt {
	return []client.Opt{
		client.WithHTTPClient(&http.Client{Transport: &http.Transport{}}),
		client.WithHost(host),
	}
}

// noHost: nothing configures it.
func noHost() (*client.Client, error) {
	return client.New(client.WithHTTPClient(&http.Client{Transport: &http.Transport{}}))
}

func main() {
	_, _ = client.New(withHost("tcp://example.com:2376")...)
	_, _ = noHost()
}
`
	for _, tc := range []struct {
		goConnections string
		want          []string // lines reported
	}{
		{"v0.8.2", []string{"main.go:19:"}},
		{"v0.6.0", []string{"main.go:12:", "main.go:19:"}},
	} {
		t.Run("go-connections@"+tc.goConnections, func(t *testing.T) {
			dir := t.TempDir()
			write(t, filepath.Join(dir, "main.go"), src)
			write(t, filepath.Join(dir, "go.mod"), "module example.com/dockerctx\n\ngo 1.26\n\nrequire github.com/moby/moby/client v0.6.2\n\nreplace github.com/docker/go-connections => github.com/docker/go-connections "+tc.goConnections+"\n")
			run(t, dir, "go", "mod", "tidy")
			lint := exec.Command(bin, "./...")
			lint.Dir = dir
			out, _ := lint.CombinedOutput()
			var got []string
			for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
				if i := strings.Index(line, "main.go:"); i >= 0 && strings.Contains(line, "(no-idle-timeout)") {
					got = append(got, line[i:i+len("main.go:13:")])
				}
			}
			if strings.Join(got, " ") != strings.Join(tc.want, " ") {
				t.Errorf("with go-connections %s, findings at %v, want %v; output:\n%s", tc.goConnections, got, tc.want, out)
			}
		})
	}
}

func run(t *testing.T, dir string, name string, args ...string) {
	t.Helper()
	cmd := exec.Command(name, args...)
	cmd.Dir = dir
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("%s %v: %v\n%s", name, args, err, out)
	}
}

func write(t *testing.T, path, text string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}
