package proofs_test

// gRPC (google.golang.org/grpc v1.85.0) over the loopback NAT relay.
//
// Defaults, from the v1.85.0 source:
//   - A channel with no RPC for 30 minutes enters idle mode and closes its
//     transports (dialoptions.go:729, idleTimeout: 30 * time.Minute);
//     grpc.WithIdleTimeout(d) sets it, 0 disables it (dialoptions.go:785-789,
//     internal/idle/idle.go:86). No floor: the value is used as given.
//   - Client keepalive pings are off (internal/transport/defaults.go:32,
//     defaultClientKeepaliveTime = infinity). grpc.WithKeepaliveParams raises
//     a Time below 10 s to 10 s (dialoptions.go:576-579, with
//     internal.KeepaliveMinPingTime = 10 * time.Second at
//     internal/internal.go:42, not settable outside grpc-go). With
//     PermitWithoutStream false the keepalive goroutine sleeps while no RPC
//     is active (internal/transport/http2_client.go:1857-1866).
//   - The default dialer is internal.NetDialerWithTCPKeepalive
//     (internal/transport/http2_client.go:201): KeepAlive -1 plus
//     SO_KEEPALIVE, that is the OS's keepalive timing, first probe after
//     tcp_keepalive_time = 7200 s on Linux (internal/tcp_keepalive_unix.go:36-55).
//   - Server enforcement: EnforcementPolicy.MinTime defaults to 5 minutes
//     (internal/transport/defaults.go:40, applied at
//     internal/transport/http2_server.go:250-252) and PermitWithoutStream to
//     false; a ping sooner than MinTime after the previous one (or, with no
//     active stream and PermitWithoutStream false, sooner than 2 h) is a
//     strike, and after maxPingStrikes = 2 the server sends GOAWAY
//     ENHANCE_YOUR_CALM "too_many_pings" and closes the connection
//     (internal/transport/http2_server.go:881-882, 915-931). The client then
//     doubles its keepalive Time for the next transport (clientconn.go:1316-1324).

import (
	"context"
	"errors"
	"io"
	"net"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"golang.org/x/net/http2"
	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/credentials/insecure"
	"google.golang.org/grpc/grpclog"
	"google.golang.org/grpc/health"
	healthpb "google.golang.org/grpc/health/grpc_health_v1"
	"google.golang.org/grpc/keepalive"
	"google.golang.org/grpc/status"

	"github.com/keepalivelint/keepalivelint/internal/natsim"
)

const (
	// grpcRelayTimeout is the relay timeout of the tests that need no
	// keepalive ping: 350 s scaled down.
	grpcRelayTimeout = 500 * time.Millisecond
	// grpcKeepaliveRelayTimeout is the relay timeout of the keepalive tests.
	// It must exceed the 10 s floor of the client's ping interval
	// (dialoptions.go:576-579), which is not scaled; 13 s leaves 3 s for a
	// late ping on a loaded machine.
	grpcKeepaliveRelayTimeout = 13 * time.Second
	// grpcKeepaliveTime is the client's ping interval: the floor.
	grpcKeepaliveTime = 10 * time.Second
)

// grpcLog receives gRPC's warnings and errors (grpclog); installGRPCLogger
// sets it up before any gRPC function runs, as grpclog.SetLoggerV2 requires.
var grpcLog logBuffer

func installGRPCLogger() {
	grpclog.SetLoggerV2(grpclog.NewLoggerV2(io.Discard, &grpcLog, &grpcLog))
}

// grpcServer is a gRPC server with the health service, counting the unary
// RPCs it receives.
type grpcServer struct {
	addr  string
	calls atomic.Int64
}

func startGRPCServer(t *testing.T, opts ...grpc.ServerOption) *grpcServer {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	gs := &grpcServer{addr: ln.Addr().String()}
	opts = append(opts, grpc.UnaryInterceptor(func(ctx context.Context, req any, _ *grpc.UnaryServerInfo, h grpc.UnaryHandler) (any, error) {
		gs.calls.Add(1)
		return h(ctx, req)
	}))
	s := grpc.NewServer(opts...)
	healthpb.RegisterHealthServer(s, health.NewServer())
	done := make(chan struct{})
	go func() { defer close(done); s.Serve(ln) }()
	t.Cleanup(func() { s.Stop(); <-done })
	return gs
}

// newHealthClient opens a channel to addr, plaintext, with opts added, and
// closes it when the test ends.
func newHealthClient(t *testing.T, addr string, opts ...grpc.DialOption) healthpb.HealthClient {
	t.Helper()
	opts = append([]grpc.DialOption{grpc.WithTransportCredentials(insecure.NewCredentials())}, opts...)
	cc, err := grpc.NewClient(addr, opts...)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cc.Close() })
	return healthpb.NewHealthClient(cc)
}

// check makes one unary RPC (health Check) with a 10 s deadline.
func check(c healthpb.HealthClient) error {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	_, err := healthCheck(ctx, c)
	return err
}

// healthCheck makes one unary RPC (health Check).
func healthCheck(ctx context.Context, c healthpb.HealthClient) (*healthpb.HealthCheckResponse, error) {
	resp, err := c.Check(ctx, &healthpb.HealthCheckRequest{})
	if err == nil && resp.GetStatus() != healthpb.HealthCheckResponse_SERVING {
		err = errors.New("health: " + resp.GetStatus().String())
	}
	return resp, err
}

// wantReset asserts that err is the failure of an RPC sent on a flow the
// relay had forgotten: Unavailable, reading the RST.
func wantReset(t *testing.T, err error) {
	t.Helper()
	if err == nil {
		t.Fatal("the RPC after idle succeeded; want Unavailable (connection reset by peer)")
	}
	t.Logf("RPC after idle: %v", err)
	if got := status.Code(err); got != codes.Unavailable {
		t.Errorf("status code %v, want Unavailable (%v)", got, err)
	}
	if msg := status.Convert(err).Message(); !strings.Contains(msg, "error reading from server") || !strings.Contains(msg, "connection reset by peer") {
		t.Errorf("message %q, want an \"error reading from server: ... connection reset by peer\"", msg)
	}
}

func TestGRPC(t *testing.T) {
	t.Parallel()
	// No option: the channel's idle timeout is 30 min and nothing is sent
	// on an idle channel, so the flow goes idle; the first RPC after the
	// NAT forgot it is written on the dead flow and fails, and gRPC does
	// not retry it (it was sent). The next RPC reconnects and succeeds.
	t.Run("default/fails", func(t *testing.T) {
		t.Parallel()
		srv := startGRPCServer(t)
		relay := startRelay(t, srv.addr, grpcRelayTimeout)
		c := newHealthClient(t, relay.Addr())
		if err := check(c); err != nil {
			t.Fatalf("first RPC: %v", err)
		}
		idleUntilForgotten(t, relay, 1)
		wantReset(t, check(c))
		if n := srv.calls.Load(); n != 1 {
			t.Errorf("server saw %d RPCs, want 1: the RPC after idle must not have reached it", n)
		}
		if s := relay.Stats(); s.ResetsSent != 1 {
			t.Errorf("relay sent %d resets, want 1: %+v", s.ResetsSent, s)
		}
		if err := check(c); err != nil {
			t.Fatalf("RPC after the failed one: %v", err)
		}
		if s := relay.Stats(); s.FlowsOpened != 2 || srv.calls.Load() != 2 {
			t.Errorf("want the third RPC on a second flow and 2 RPCs at the server: %+v, %d RPCs", s, srv.calls.Load())
		}
	})

	// grpc.WithIdleTimeout below the NAT's timeout: the idle channel closes
	// its connection (a FIN the relay passes on while it still knows the
	// flow) and the next RPC opens a new one.
	t.Run("WithIdleTimeout/heals", func(t *testing.T) {
		t.Parallel()
		srv := startGRPCServer(t)
		relay := startRelay(t, srv.addr, grpcRelayTimeout)
		c := newHealthClient(t, relay.Addr(), grpc.WithIdleTimeout(grpcRelayTimeout/5))
		if err := check(c); err != nil {
			t.Fatalf("first RPC: %v", err)
		}
		// The same idle time as default/fails; the flow is closed, not
		// forgotten, so wait for the relay to see it closed.
		time.Sleep(grpcRelayTimeout + grpcRelayTimeout/4)
		if !relay.WaitFor(10*time.Second, func(natsim.Stats) bool { return relay.Flows()[0].State == natsim.FlowClosed }) {
			t.Fatalf("the idle channel did not close its flow: %+v", relay.Flows())
		}
		if err := check(c); err != nil {
			t.Fatalf("RPC after idle: %v", err)
		}
		s := relay.Stats()
		if s.FlowsOpened != 2 || s.FlowsForgotten != 0 || s.ResetsSent != 0 || srv.calls.Load() != 2 {
			t.Errorf("want 2 flows, none forgotten or reset, 2 RPCs at the server: %+v, %d RPCs", s, srv.calls.Load())
		}
	})

	// Keepalive pings with PermitWithoutStream, against a server whose
	// policy allows them: the pings and their ACKs are payload through the
	// NAT every 10 s, the flow is never idle for 13 s, and the RPC after
	// idle succeeds on the same flow.
	t.Run("WithKeepaliveParams+PermitWithoutStream/heals", func(t *testing.T) {
		t.Parallel()
		srv := startGRPCServer(t, grpc.KeepaliveEnforcementPolicy(keepalive.EnforcementPolicy{
			MinTime: grpcKeepaliveTime, PermitWithoutStream: true,
		}))
		relay := startRelay(t, srv.addr, grpcKeepaliveRelayTimeout)
		c := newHealthClient(t, relay.Addr(), grpc.WithKeepaliveParams(keepalive.ClientParameters{
			Time: grpcKeepaliveTime, PermitWithoutStream: true,
		}))
		if err := check(c); err != nil {
			t.Fatalf("first RPC: %v", err)
		}
		before := relay.Stats().BytesToServer
		time.Sleep(grpcKeepaliveRelayTimeout + 2*time.Second)
		s := relay.Stats()
		if s.FlowsForgotten != 0 || s.BytesToServer == before {
			t.Fatalf("want pings through the relay and no forgotten flow: %+v", s)
		}
		if err := check(c); err != nil {
			t.Fatalf("RPC after idle: %v", err)
		}
		if s := relay.Stats(); s.FlowsOpened != 1 || s.ResetsSent != 0 || srv.calls.Load() != 2 {
			t.Errorf("want both RPCs on one flow: %+v, %d RPCs", s, srv.calls.Load())
		}
	})

	// The same keepalive without PermitWithoutStream: an idle channel sends
	// no ping, so it fails exactly as with no option.
	t.Run("WithKeepaliveParams/fails", func(t *testing.T) {
		t.Parallel()
		srv := startGRPCServer(t, grpc.KeepaliveEnforcementPolicy(keepalive.EnforcementPolicy{
			MinTime: grpcKeepaliveTime, PermitWithoutStream: true,
		}))
		relay := startRelay(t, srv.addr, grpcKeepaliveRelayTimeout)
		c := newHealthClient(t, relay.Addr(), grpc.WithKeepaliveParams(keepalive.ClientParameters{
			Time: grpcKeepaliveTime,
		}))
		if err := check(c); err != nil {
			t.Fatalf("first RPC: %v", err)
		}
		idleUntilForgotten(t, relay, 1)
		wantReset(t, check(c))
		if n := srv.calls.Load(); n != 1 {
			t.Errorf("server saw %d RPCs, want 1", n)
		}
	})

	// The 10 s floor, observed: Time: 1s is raised to 10 s (with a logged
	// warning), so nothing crosses the relay for the first seconds of idle,
	// and the first ping comes about 10 s after the last read.
	t.Run("WithKeepaliveParams/floor10s", func(t *testing.T) {
		t.Parallel()
		srv := startGRPCServer(t, grpc.KeepaliveEnforcementPolicy(keepalive.EnforcementPolicy{
			MinTime: time.Second, PermitWithoutStream: true,
		}))
		relay := startRelay(t, srv.addr, grpcKeepaliveRelayTimeout)
		c := newHealthClient(t, relay.Addr(), grpc.WithKeepaliveParams(keepalive.ClientParameters{
			Time: time.Second, PermitWithoutStream: true,
		}))
		if err := check(c); err != nil {
			t.Fatalf("first RPC: %v", err)
		}
		// Let the RPC's trailing frames (BDP ping, window updates) pass.
		time.Sleep(500 * time.Millisecond)
		before, start := relay.Stats().BytesToServer, time.Now()
		if !waitFor(15*time.Second, func() bool { return relay.Stats().BytesToServer > before }) {
			t.Fatalf("no keepalive ping within 15 s")
		}
		gap := time.Since(start) + 500*time.Millisecond
		t.Logf("first ping %v after the RPC", gap.Round(100*time.Millisecond))
		if gap < 9*time.Second {
			t.Errorf("first ping %v after the RPC; want about 10 s (Time: 1s raised to the floor)", gap)
		}
		if want := "Adjusting keepalive ping interval to minimum period of 10s"; !strings.Contains(grpcLog.String(), want) {
			t.Errorf("gRPC did not log %q", want)
		}
	})

	// A default server (MinTime 5 min, PermitWithoutStream false) against
	// a client pinging every 10 s with PermitWithoutStream: after the third
	// strike the server sends GOAWAY ENHANCE_YOUR_CALM "too_many_pings" and
	// closes the connection, about 30 s after the last RPC. Shown with an
	// open server stream (health Watch), whose error carries the GOAWAY.
	t.Run("default server/too_many_pings", func(t *testing.T) {
		if testing.Short() {
			t.Skip("takes about 30 s")
		}
		t.Parallel()
		srv := startGRPCServer(t)
		c := newHealthClient(t, srv.addr, grpc.WithKeepaliveParams(keepalive.ClientParameters{
			Time: grpcKeepaliveTime, PermitWithoutStream: true,
		}))
		ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
		defer cancel()
		w, err := c.Watch(ctx, &healthpb.HealthCheckRequest{})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Recv(); err != nil {
			t.Fatalf("first Watch message: %v", err)
		}
		start := time.Now()
		_, err = w.Recv()
		t.Logf("stream ended after %v: %v", time.Since(start).Round(time.Second), err)
		if status.Code(err) != codes.Unavailable {
			t.Fatalf("want Unavailable, got %v", err)
		}
		if msg := status.Convert(err).Message(); !strings.Contains(msg, `received prior goaway: code: ENHANCE_YOUR_CALM, debug data: "too_many_pings"`) {
			t.Errorf("message %q does not report the too_many_pings GOAWAY", msg)
		}
		if want := `Client received GoAway with error code ENHANCE_YOUR_CALM and debug data equal to ASCII "too_many_pings"`; !strings.Contains(grpcLog.String(), want) {
			t.Errorf("gRPC did not log %q", want)
		}
		// The channel reconnects for the next RPC.
		if err := check(c); err != nil {
			t.Fatalf("RPC after GOAWAY: %v", err)
		}
	})

	// The server's enforcement without waiting for the client's 10 s
	// floor: a bare HTTP/2 client sends PINGs on a connection with no
	// stream to a default server, which answers the third strike with
	// GOAWAY ENHANCE_YOUR_CALM "too_many_pings".
	t.Run("default server/too_many_pings/raw", func(t *testing.T) {
		t.Parallel()
		srv := startGRPCServer(t)
		nc, err := net.Dial("tcp", srv.addr)
		if err != nil {
			t.Fatal(err)
		}
		defer nc.Close()
		nc.SetDeadline(time.Now().Add(10 * time.Second))
		if _, err := io.WriteString(nc, http2.ClientPreface); err != nil {
			t.Fatal(err)
		}
		fr := http2.NewFramer(nc, nc)
		if err := fr.WriteSettings(); err != nil {
			t.Fatal(err)
		}
		// One ping at a time: the next goes out when the previous one is
		// acknowledged.
		pings, acks := 0, 0
		if err := fr.WritePing(false, [8]byte{1}); err != nil {
			t.Fatal(err)
		}
		pings++
		for range 100 {
			f, err := fr.ReadFrame()
			if err != nil {
				t.Fatalf("after %d pings: %v", pings, err)
			}
			switch f := f.(type) {
			case *http2.SettingsFrame:
				if !f.IsAck() {
					fr.WriteSettingsAck()
				}
			case *http2.PingFrame:
				if f.IsAck() {
					acks++
					if pings < 10 {
						if err := fr.WritePing(false, [8]byte{byte(pings + 1)}); err != nil {
							t.Fatalf("ping %d: %v", pings+1, err)
						}
						pings++
					}
				}
			case *http2.GoAwayFrame:
				t.Logf("after %d acknowledged pings: GOAWAY %v %q", acks, f.ErrCode, f.DebugData())
				if f.ErrCode != http2.ErrCodeEnhanceYourCalm || string(f.DebugData()) != "too_many_pings" {
					t.Fatalf("GOAWAY %v %q, want ENHANCE_YOUR_CALM \"too_many_pings\"", f.ErrCode, f.DebugData())
				}
				// maxPingStrikes = 2: the first ping is free (no earlier
				// ping), pings 2, 3 and 4 are strikes 1, 2 and 3; the
				// server acknowledges the 4th, then sends the GOAWAY.
				if acks != 4 {
					t.Errorf("GOAWAY after %d acknowledged pings, want 4", acks)
				}
				return
			}
		}
		t.Fatalf("no GOAWAY after %d pings", pings)
	})
}
