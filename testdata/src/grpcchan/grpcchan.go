// Package grpcchan holds the gRPC channel patterns: options inline,
// through a slice (literal and appends), through a variable, variadic
// from a caller; dialers; channels closed where they are made.
package grpcchan

import (
	"context"
	"net"
	"time"

	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials/insecure"
	"google.golang.org/grpc/keepalive"
)

type client struct {
	conn *grpc.ClientConn
}

// Positive: no option bounds the channel's idle life.

func plain(addr string) (*client, error) {
	conn, err := grpc.NewClient(addr, grpc.WithTransportCredentials(insecure.NewCredentials())) // want `gRPC channel from grpc.NewClient keeps idle connections for 1800s by default, not below the 350s limit; add grpc.WithIdleTimeout\(90 \* time.Second\)`
	if err != nil {
		return nil, err
	}
	return &client{conn: conn}, nil
}

func dial(addr string) (*grpc.ClientConn, error) {
	return grpc.Dial(addr, grpc.WithBlock()) // want `gRPC channel from grpc.Dial keeps idle connections`
}

func dialContext(ctx context.Context, addr string) (*grpc.ClientConn, error) {
	return grpc.DialContext(ctx, addr) // want `gRPC channel from grpc.DialContext keeps idle connections`
}

func sliceAppend(addr string) (*grpc.ClientConn, error) {
	opts := []grpc.DialOption{grpc.WithTransportCredentials(insecure.NewCredentials())}
	opts = append(opts, grpc.WithUserAgent("scheduler"))
	return grpc.NewClient(addr, opts...) // want `grpc-no-idle-timeout|keeps idle connections`
}

func declaredSlice(addr string) (*grpc.ClientConn, error) {
	var opts []grpc.DialOption
	opts = append(opts, grpc.WithUserAgent("scheduler"))
	return grpc.NewClient(addr, opts...) // want `keeps idle connections`
}

func neverIdle(addr string) (*grpc.ClientConn, error) {
	return grpc.NewClient(addr, grpc.WithIdleTimeout(0)) // want `gRPC channel from grpc.NewClient WithIdleTimeout is 0s, which means no limit`
}

const idle = time.Hour

func tooLong(addr string) (*grpc.ClientConn, error) {
	return grpc.NewClient(addr, grpc.WithIdleTimeout(idle)) // want `WithIdleTimeout is 3600s, not below the 350s limit`
}

func keepaliveNoPermit(addr string) (*grpc.ClientConn, error) {
	return grpc.NewClient(addr, grpc.WithKeepaliveParams(keepalive.ClientParameters{Time: 30 * time.Second})) // want `WithKeepaliveParams lacks PermitWithoutStream: true, so an idle connection is never pinged`
}

func keepaliveTooLong(addr string) (*grpc.ClientConn, error) {
	kp := keepalive.ClientParameters{Time: 10 * time.Minute, PermitWithoutStream: true}
	return grpc.NewClient(addr, grpc.WithKeepaliveParams(kp)) // want `WithKeepaliveParams Time is 600s, not below the 350s limit`
}

func keepaliveNoTime(addr string) (*grpc.ClientConn, error) {
	return grpc.NewClient(addr, grpc.WithKeepaliveParams(keepalive.ClientParameters{PermitWithoutStream: true})) // want `WithKeepaliveParams sets no Time`
}

// A dialer with TCP keepalive off leaves nothing to refresh the flow.
func dialerKeepAliveOff(addr string) (*grpc.ClientConn, error) {
	d := &net.Dialer{KeepAlive: -1}
	return grpc.NewClient(addr, grpc.WithContextDialer(func(ctx context.Context, a string) (net.Conn, error) { // want `keeps idle connections`
		return d.DialContext(ctx, "tcp", a)
	}))
}

// A tunnel's dial function sends no probes keepalivelint can see.
func tunnel(addr string, dialSSH func(string) (net.Conn, error)) (*grpc.ClientConn, error) {
	return grpc.NewClient(addr, grpc.WithContextDialer(func(ctx context.Context, a string) (net.Conn, error) { // want `keeps idle connections`
		return dialSSH(a)
	}))
}

// Negative: bounded, pinged, probed, or closed.

func bounded(addr string) (*grpc.ClientConn, error) {
	return grpc.NewClient(addr, grpc.WithIdleTimeout(90*time.Second))
}

func boundedInSlice(addr string) (*grpc.ClientConn, error) {
	opts := []grpc.DialOption{grpc.WithTransportCredentials(insecure.NewCredentials())}
	opts = append(opts, grpc.WithIdleTimeout(time.Minute))
	return grpc.NewClient(addr, opts...)
}

func boundedThroughVariable(addr string) (*grpc.ClientConn, error) {
	withIdle := grpc.WithIdleTimeout(2 * time.Minute)
	return grpc.NewClient(addr, withIdle)
}

func pinged(addr string) (*grpc.ClientConn, error) {
	return grpc.NewClient(addr, grpc.WithKeepaliveParams(keepalive.ClientParameters{
		Time:                30 * time.Second,
		Timeout:             10 * time.Second,
		PermitWithoutStream: true,
	}))
}

// Keepalive without PermitWithoutStream is harmless next to an idle timeout.
func boundedAndPingedOnStreams(addr string) (*grpc.ClientConn, error) {
	return grpc.NewClient(addr, grpc.WithIdleTimeout(time.Minute),
		grpc.WithKeepaliveParams(keepalive.ClientParameters{Time: 30 * time.Second}))
}

// net.Dialer's default keepalive (15s probes) refreshes a NAT's flow.
func probed(addr string) (*grpc.ClientConn, error) {
	var d net.Dialer
	return grpc.NewClient(addr, grpc.WithContextDialer(func(ctx context.Context, a string) (net.Conn, error) {
		return d.DialContext(ctx, "tcp", a)
	}))
}

func probedEveryMinute(addr string) (*grpc.ClientConn, error) {
	return grpc.NewClient(addr, grpc.WithContextDialer(func(ctx context.Context, a string) (net.Conn, error) {
		return (&net.Dialer{KeepAlive: time.Minute}).DialContext(ctx, "tcp", a)
	}))
}

func closedHere(ctx context.Context, addr string) error {
	conn, err := grpc.NewClient(addr)
	if err != nil {
		return err
	}
	defer conn.Close()
	return conn.Invoke(ctx, "/health.Check", nil, nil)
}

// Options from a caller no code calls are out of sight: dynamic (-strict).

func fromCaller(addr string, opts ...grpc.DialOption) (*grpc.ClientConn, error) {
	return grpc.NewClient(addr, opts...)
}

// A helper's result is followed: this one returns no option.
func defaultOptions() []grpc.DialOption { return nil }

func fromHelper(addr string) (*grpc.ClientConn, error) {
	return grpc.NewClient(addr, defaultOptions()...) // want `gRPC channel from grpc.NewClient keeps idle connections`
}

func fromParam(addr string, d time.Duration) (*grpc.ClientConn, error) {
	return grpc.NewClient(addr, grpc.WithIdleTimeout(d))
}
