package dialer

import (
	"context"
	"net"
	"net/http"
	"net/url"
	"time"
)

func keepAliveOff() *http.Transport {
	d := &net.Dialer{Timeout: 5 * time.Second, KeepAlive: -1}
	return &http.Transport{DialContext: d.DialContext} // want `its dialer turns TCP keepalive off \(KeepAlive < 0\): nothing keeps an idle NAT mapping alive`
}

func keepAliveOffInline() *http.Transport {
	return &http.Transport{ // want `its dialer turns TCP keepalive off`
		DialContext: (&net.Dialer{KeepAlive: -1}).DialContext,
	}
}

func keepAliveOffAssigned() *http.Transport {
	var d net.Dialer
	d.KeepAlive = -1
	return &http.Transport{Dial: d.Dial} // want `\(KeepAlive < 0\)`
}

func keepAliveTooLong() *http.Transport {
	d := &net.Dialer{KeepAlive: 10 * time.Minute}
	return &http.Transport{DialContext: d.DialContext} // want `its dialer probes only after 600s`
}

func keepAliveConfigIdleLong() *http.Transport {
	d := &net.Dialer{KeepAliveConfig: net.KeepAliveConfig{Enable: true, Idle: time.Hour}}
	return &http.Transport{DialContext: d.DialContext} // want `only after 3600s \(KeepAliveConfig.Idle\)`
}

// keepAliveConfigDisabledOnly: Enable false alone does not turn probes off;
// net.Dialer does that only with a negative KeepAlive. Plain finding.
func keepAliveConfigDisabledOnly() *http.Transport {
	d := &net.Dialer{KeepAliveConfig: net.KeepAliveConfig{Enable: false}}
	return &http.Transport{DialContext: d.DialContext} // want `http.Transport has no IdleConnTimeout: idle`
}

func keepAliveConfigBothOff() *http.Transport {
	d := &net.Dialer{KeepAlive: -1, KeepAliveConfig: net.KeepAliveConfig{Enable: false}}
	return &http.Transport{DialContext: d.DialContext} // want `its dialer turns TCP keepalive off`
}

func keepAliveEnabledByConfig() *http.Transport {
	d := &net.Dialer{KeepAlive: -1, KeepAliveConfig: net.KeepAliveConfig{Enable: true, Idle: 30 * time.Second}}
	return &http.Transport{DialContext: d.DialContext} // want `http.Transport has no IdleConnTimeout: idle`
}

// keepAliveOffButIdleSet: the idle timeout lets go first: safe.
func keepAliveOffButIdleSet() *http.Transport {
	d := &net.Dialer{KeepAlive: -1}
	return &http.Transport{DialContext: d.DialContext, IdleConnTimeout: 60 * time.Second}
}

// customDial: a tunnel's dialer; its keepalive is unknown: plain finding.
func customDial(tunnel func(ctx context.Context, network, addr string) (net.Conn, error)) *http.Transport {
	return &http.Transport{DialContext: tunnel} // want `http.Transport has no IdleConnTimeout: idle`
}

// resolverDialer turns keepalive off but feeds no HTTP transport: no finding.
func resolverDialer() *net.Resolver {
	d := &net.Dialer{KeepAlive: -1}
	return &net.Resolver{PreferGo: true, Dial: d.DialContext}
}

func rawProxy(ctx context.Context) (net.Conn, error) {
	d := net.Dialer{KeepAlive: -1}
	return d.DialContext(ctx, "tcp", "127.0.0.1:1")
}

// unixSocket dials a unix socket only: no middlebox, nothing to report.
func unixSocket(path string) *http.Transport {
	return &http.Transport{
		DialContext: func(ctx context.Context, _, _ string) (net.Conn, error) {
			var d net.Dialer
			return d.DialContext(ctx, "unix", path)
		},
	}
}

// unixScheme dials the URL's scheme in the switch case that matched "unix"
// (as telegraf's influxdb outputs do).
func unixScheme(u *url.URL) *http.Transport {
	switch u.Scheme {
	case "unix":
		return &http.Transport{
			Dial: func(_, _ string) (net.Conn, error) {
				return net.DialTimeout(u.Scheme, u.Path, time.Second)
			},
		}
	}
	return nil
}

// tcpScheme dials whatever the scheme is: reported.
func tcpScheme(u *url.URL) *http.Transport {
	return &http.Transport{ // want `http.Transport has no IdleConnTimeout`
		Dial: func(_, _ string) (net.Conn, error) {
			return net.DialTimeout(u.Scheme, u.Host, time.Second)
		},
	}
}
