package natsim_test

import (
	"errors"
	"io"
	"net"
	"os"
	"syscall"
	"testing"
	"time"

	"github.com/keepalivelint/keepalivelint/internal/natsim"
	"github.com/keepalivelint/keepalivelint/internal/natsim/natsimtest"
)

// acceptOne listens on loopback and returns the address and a channel that
// yields the first accepted connection.
func acceptOne(t *testing.T) (string, <-chan net.Conn) {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ch := make(chan net.Conn, 1)
	go func() {
		c, err := ln.Accept()
		ln.Close()
		if err == nil {
			ch <- c
		}
		close(ch)
	}()
	t.Cleanup(func() { ln.Close() })
	return ln.Addr().String(), ch
}

func getConn(t *testing.T, ch <-chan net.Conn) net.Conn {
	t.Helper()
	select {
	case c, ok := <-ch:
		if !ok {
			t.Fatal("accept failed")
		}
		t.Cleanup(func() { c.Close() })
		return c
	case <-time.After(5 * time.Second):
		t.Fatal("no connection accepted within 5s")
	}
	return nil
}

func mustWrite(t *testing.T, c net.Conn, s string) {
	t.Helper()
	if _, err := io.WriteString(c, s); err != nil {
		t.Fatalf("write %q: %v", s, err)
	}
}

func mustRead(t *testing.T, c net.Conn, want string) {
	t.Helper()
	c.SetReadDeadline(time.Now().Add(5 * time.Second))
	buf := make([]byte, len(want))
	if _, err := io.ReadFull(c, buf); err != nil {
		t.Fatalf("read: %v", err)
	}
	if string(buf) != want {
		t.Fatalf("read %q, want %q", buf, want)
	}
}

// expectSilence checks that nothing at all (no data, no FIN, no RST)
// arrives on c for d.
func expectSilence(t *testing.T, c net.Conn, d time.Duration, who string) {
	t.Helper()
	c.SetReadDeadline(time.Now().Add(d))
	buf := make([]byte, 16)
	n, err := c.Read(buf)
	if !errors.Is(err, os.ErrDeadlineExceeded) {
		t.Fatalf("%s: want silence, got %d bytes %q, err %v", who, n, buf[:n], err)
	}
}

func TestNewRejectsNonPositiveTimeout(t *testing.T) {
	t.Parallel()
	if r, err := natsim.New("127.0.0.1:1", 0); err == nil {
		r.Close()
		t.Fatal("New with a zero timeout succeeded")
	}
}

// TestRelayForgetsSilentlyThenResets checks the relay's NAT semantics on a
// raw TCP flow.
func TestRelayForgetsSilentlyThenResets(t *testing.T) {
	t.Parallel()
	addr, accepted := acceptOne(t)
	relay := natsimtest.StartRelay(t, addr, relayTimeout)
	client, err := net.Dial("tcp", relay.Addr())
	if err != nil {
		t.Fatal(err)
	}
	defer client.Close()
	server := getConn(t, accepted)

	mustWrite(t, client, "ping")
	mustRead(t, server, "ping")
	mustWrite(t, server, "pong")
	mustRead(t, client, "pong")
	if s := relay.Stats(); s.FlowsOpened != 1 || s.BytesToServer != 4 || s.BytesToClient != 4 || s.FlowsForgotten != 0 {
		t.Fatalf("stats after exchange: %+v", s)
	}

	if !relay.WaitFor(5*time.Second, func(s natsim.Stats) bool { return s.FlowsForgotten == 1 }) {
		t.Fatalf("flow not forgotten: %+v", relay.Stats())
	}
	// Forgotten silently: neither side hears anything.
	expectSilence(t, client, 50*time.Millisecond, "client")
	expectSilence(t, server, 50*time.Millisecond, "server")

	// What the server sends on a forgotten flow is dropped.
	mustWrite(t, server, "late")
	deadline := time.Now().Add(5 * time.Second)
	for relay.Flows()[0].DroppedBytes < 4 && time.Now().Before(deadline) {
		time.Sleep(5 * time.Millisecond)
	}
	if f := relay.Flows()[0]; f.DroppedBytes != 4 || f.State != natsim.FlowForgotten {
		t.Fatalf("flow after the server wrote on it: %+v", f)
	}
	expectSilence(t, client, 50*time.Millisecond, "client")

	// The client's next payload gets an RST and never reaches the server.
	mustWrite(t, client, "data")
	client.SetReadDeadline(time.Now().Add(5 * time.Second))
	_, err = client.Read(make([]byte, 16))
	if !errors.Is(err, syscall.ECONNRESET) {
		t.Fatalf("client read after writing on a forgotten flow: %v, want ECONNRESET", err)
	}
	t.Logf("raw client read after writing on a forgotten flow: %v", err)
	expectSilence(t, server, 50*time.Millisecond, "server")
	if s := relay.Stats(); s.ResetsSent != 1 || s.BytesToServer != 4 {
		t.Fatalf("stats after reset: %+v", s)
	}
	if f := relay.Flows()[0]; f.State != natsim.FlowReset {
		t.Fatalf("flow state %v, want reset", f.State)
	}

	// Only closing the relay closes the server side.
	relay.Close()
	server.SetReadDeadline(time.Now().Add(5 * time.Second))
	if _, err := server.Read(make([]byte, 16)); err != io.EOF {
		t.Fatalf("server read after relay Close: %v, want EOF", err)
	}
}

// TestRelayTrafficKeepsFlow checks that payload in either direction resets
// the idle timer.
func TestRelayTrafficKeepsFlow(t *testing.T) {
	t.Parallel()
	addr, accepted := acceptOne(t)
	// A 1 s timeout, so that a loaded machine's stalls stay far from it.
	const timeout = time.Second
	relay := natsimtest.StartRelay(t, addr, timeout)
	client, err := net.Dial("tcp", relay.Addr())
	if err != nil {
		t.Fatal(err)
	}
	defer client.Close()
	server := getConn(t, accepted)

	// 12 × 100 ms = 1.2 s of flow lifetime, never 1 s idle; alternate the
	// direction of the traffic.
	for i := range 12 {
		time.Sleep(timeout / 10)
		if i%2 == 0 {
			mustWrite(t, client, "c")
			mustRead(t, server, "c")
		} else {
			mustWrite(t, server, "s")
			mustRead(t, client, "s")
		}
	}
	if s := relay.Stats(); s.FlowsForgotten != 0 || s.ResetsSent != 0 || s.BytesToServer != 6 || s.BytesToClient != 6 {
		t.Fatalf("stats: %+v, want the flow kept", s)
	}

	// A normal close is passed on as a FIN.
	client.Close()
	server.SetReadDeadline(time.Now().Add(5 * time.Second))
	if _, err := server.Read(make([]byte, 1)); err != io.EOF {
		t.Fatalf("server read after client close: %v, want EOF", err)
	}
}
