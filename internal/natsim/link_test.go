package natsim_test

import (
	"errors"
	"io"
	"net"
	"testing"
	"time"

	"github.com/keepalivelint/keepalivelint/internal/natsim"
)

// TestLinkDelaysPayloadFINAndReset checks the link the load-balancer proof
// relies on: payload and the server's FIN each take at least the latency,
// and payload the client sends while the server's FIN is in flight reaches
// a closed socket, whose RST the link records and passes on.
func TestLinkDelaysPayloadFINAndReset(t *testing.T) {
	t.Parallel()
	const latency = 50 * time.Millisecond
	addr, accepted := acceptOne(t)
	link, err := natsim.NewLink(addr, latency)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { link.Close() })
	client, err := net.Dial("tcp", link.Addr())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { client.Close() })
	server := getConn(t, accepted)

	start := time.Now()
	mustWrite(t, client, "ping")
	mustRead(t, server, "ping")
	if d := time.Since(start); d < latency {
		t.Errorf("payload to the server took %v, want at least %v", d, latency)
	}
	start = time.Now()
	mustWrite(t, server, "pong")
	mustRead(t, client, "pong")
	if d := time.Since(start); d < latency {
		t.Errorf("payload to the client took %v, want at least %v", d, latency)
	}

	// The server closes; while its FIN is in flight the client writes.
	start = time.Now()
	server.Close()
	mustWrite(t, client, "late")
	client.SetReadDeadline(time.Now().Add(5 * time.Second))
	if n, err := client.Read(make([]byte, 8)); n != 0 || !errors.Is(err, io.EOF) {
		t.Fatalf("client read after the server closed: %d bytes, %v; want EOF", n, err)
	}
	if d := time.Since(start); d < latency {
		t.Errorf("the server's FIN took %v, want at least %v", d, latency)
	}
	client.Close()

	deadline := time.Now().Add(5 * time.Second)
	var f natsim.LinkFlow
	for {
		flows := link.Flows()
		if len(flows) != 1 {
			t.Fatalf("link flows %+v, want 1", flows)
		}
		if f = flows[0]; f.Ended || time.Now().After(deadline) {
			break
		}
		time.Sleep(10 * time.Millisecond)
	}
	want := natsim.LinkFlow{ID: 1, FirstFIN: natsim.SideServer, LateBytes: 4, ServerReset: true, Ended: true}
	if f.ID != want.ID || f.FirstFIN != want.FirstFIN || f.LateBytes != want.LateBytes || f.ServerReset != want.ServerReset || f.Ended != want.Ended {
		t.Errorf("flow %+v, want %+v", f, want)
	}
	if !f.ClientPayloadAt.After(f.ServerFINAt.Add(-latency)) {
		t.Errorf("client payload at %v, server FIN at %v: want the payload within the latency of the FIN", f.ClientPayloadAt, f.ServerFINAt)
	}
}

func TestNewLinkRejectsNegativeLatency(t *testing.T) {
	if _, err := natsim.NewLink("127.0.0.1:1", -time.Millisecond); err == nil {
		t.Fatal("NewLink accepted a negative latency")
	}
}
