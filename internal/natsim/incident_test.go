package natsim_test

import (
	"bytes"
	"context"
	"errors"
	"go/ast"
	"go/format"
	"go/parser"
	"go/token"
	"net"
	"net/http"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/keepalivelint/keepalivelint/internal/natsim/natsimtest"
)

// The bundled example module, testdata/incident, must fail on loopback the
// way its scheduler's documentation and the README tell: a transport with
// no IdleConnTimeout that dials through egress.Dialer, which turns TCP
// keepalive off, so nothing but requests crosses the NAT while the pooled
// connection is idle. incidentTransport builds that transport;
// TestIncidentModuleSource holds the module's source to it, and
// TestIncidentModule (through the relay) and TestKernelNATKeepalive's
// client-no-keepalive (through a kernel NAT, where TCP keepalive probes
// would have kept the flow) run it.

// incidentDialer and incidentTransportLit are the incident module's
// egress.Dialer and scheduler transport, as gofmt prints them.
const (
	incidentDialer       = `&net.Dialer{Timeout: 5 * time.Second, KeepAlive: -1}`
	incidentTransportLit = `&http.Transport{
	DialContext:         egress.Dialer.DialContext,
	MaxIdleConnsPerHost: 4,
	TLSHandshakeTimeout: 10 * time.Second,
}`
)

// incidentTransport returns the incident's transport, its dialer aimed at
// addr whatever address a request names (the relay, or the kernel NAT
// test's server).
func incidentTransport(addr string) *http.Transport {
	dialer := &net.Dialer{Timeout: 5 * time.Second, KeepAlive: -1} // egress.Dialer
	return &http.Transport{
		DialContext: func(ctx context.Context, network, _ string) (net.Conn, error) {
			return dialer.DialContext(ctx, network, addr)
		},
		MaxIdleConnsPerHost: 4,
		TLSHandshakeTimeout: 10 * time.Second,
	}
}

// TestIncidentModuleSource checks that testdata/incident still builds the
// transport incidentTransport proves: if the module changes, the proof
// must change with it.
func TestIncidentModuleSource(t *testing.T) {
	root := filepath.Join("..", "..", "testdata", "incident")
	if got := valueOf(t, filepath.Join(root, "egress", "egress.go"), "Dialer"); got != incidentDialer {
		t.Errorf("egress.Dialer is %s, the proof's dialer is %s", got, incidentDialer)
	}
	client := valueOf(t, filepath.Join(root, "scheduler", "scheduler.go"), "client")
	if !strings.Contains(client, "Transport: "+strings.ReplaceAll(incidentTransportLit, "\n", "\n\t")) {
		t.Errorf("the scheduler's client is\n%s\nwant its Transport to be the proof's\n%s", client, incidentTransportLit)
	}
}

// valueOf returns, as gofmt prints it, the value of the package variable
// name declared in file.
func valueOf(t *testing.T, file, name string) string {
	t.Helper()
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, file, nil, 0)
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range f.Decls {
		gd, ok := d.(*ast.GenDecl)
		if !ok || gd.Tok != token.VAR {
			continue
		}
		for _, s := range gd.Specs {
			vs := s.(*ast.ValueSpec)
			if len(vs.Names) == 1 && vs.Names[0].Name == name && len(vs.Values) == 1 {
				var b bytes.Buffer
				if err := format.Node(&b, fset, vs.Values[0]); err != nil {
					t.Fatal(err)
				}
				return b.String()
			}
		}
	}
	t.Fatalf("%s declares no variable %s", file, name)
	return ""
}

// TestIncidentModule runs the incident's transport through the relay (a
// NAT that forgets a flow after relayTimeout without payload): the second
// POST, after idling past the relay's timeout, is reset, and the server
// never sees it. The relay forgets the flow whatever TCP keepalive does;
// that this transport's dialer sends no probe that could have kept an
// AWS NAT Gateway's mapping, and Go's default dialer does, is shown by
// TestKernelNATKeepalive with the same transport.
func TestIncidentModule(t *testing.T) {
	t.Parallel()
	srv := newPayServer(t, false)
	relay := natsimtest.StartRelay(t, srv.srv.Listener.Addr().String(), relayTimeout)
	tr := incidentTransport(relay.Addr())
	t.Cleanup(tr.CloseIdleConnections)
	c := &http.Client{Transport: tr, Timeout: 10 * time.Second}
	url := srv.srv.URL + "/pay"

	mustSucceed(t, "first POST", do(t, c, "POST", url, "amount=1"))
	idleUntilForgotten(t, relay, relayTimeout)

	second := do(t, c, "POST", url, "amount=2")
	if second.err == nil || !errors.Is(second.err, syscall.ECONNRESET) {
		t.Fatalf("POST on the forgotten flow: error %v; want connection reset by peer", second.err)
	}
	t.Logf("the incident's POST after idle: %v", second.err)
	if len(second.reused) != 1 || !second.reused[0] {
		t.Errorf("connections used by the failed POST (Reused flags) = %v, want exactly one reused connection (no replay)", second.reused)
	}
	if got, want := srv.requests(), []string{"POST /pay amount=1"}; !equal(got, want) {
		t.Errorf("server saw %q, want only the first POST %q", got, want)
	}
}
