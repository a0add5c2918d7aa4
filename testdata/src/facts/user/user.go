// Package user hands transports to configurers of other packages.
package user

import (
	"net/http"
	"time"

	"facts/conf"
	"facts/conn"
	"facts/connold"
)

// The configurer bounds an unsized pool: safe.
func viaConfigurer() *http.Transport {
	t := &http.Transport{}
	_ = conn.ConfigureTransport(t, "tcp", "example.com:443")
	return t
}

// A sized pool is left alone by the configurer: unbounded.
func sized() *http.Transport {
	t := &http.Transport{MaxIdleConns: 10} // want `http.Transport has no IdleConnTimeout`
	_ = conn.ConfigureTransport(t, "tcp", "example.com:443")
	return t
}

// The old configurer sets no idle timeout.
func oldConfigurer() *http.Transport {
	t := &http.Transport{} // want `http.Transport has no IdleConnTimeout`
	_ = connold.ConfigureTransport(t, "tcp", "example.com:443")
	return t
}

func good() *http.Transport {
	t := &http.Transport{}
	conf.Good(t)
	return t
}

// The bad value is reported where conf writes it, not again here.
func bad() *http.Transport {
	t := &http.Transport{}
	conf.Bad(t)
	return t
}

func passOn() *http.Transport {
	t := &http.Transport{}
	conf.PassOn(t)
	return t
}

// The guard holds on this literal (keep-alives on): bounded.
func guardHolds() *http.Transport {
	t := &http.Transport{}
	conf.Unsized(t)
	return t
}

// The guard fails (keep-alives off): nothing pooled, nothing to report.
func guardFails() *http.Transport {
	t := &http.Transport{DisableKeepAlives: true}
	conf.Unsized(t)
	return t
}

// A guard on a field the caller sets to something else: no write.
func onlyTLS() *http.Transport {
	t := &http.Transport{} // want `http.Transport has no IdleConnTimeout`
	conf.TLSOnly(t)
	return t
}

// A hook might configure the transport: dynamic, quiet.
func hooked(hook func(*http.Transport)) *http.Transport {
	t := &http.Transport{}
	conf.Hooked(t, hook)
	return t
}

// A bad value written after the hook is known whatever the hook did.
func hookedThenBad(hook func(*http.Transport)) *http.Transport {
	t := &http.Transport{}
	hook(t)
	t.IdleConnTimeout = time.Hour // want `IdleConnTimeout is 3600s`
	return t
}

// Written before the hook: the hook may change it.
func badThenHooked(hook func(*http.Transport)) *http.Transport {
	t := &http.Transport{DisableKeepAlives: false}
	t.MaxIdleConnsPerHost = 4
	hook(t)
	return t
}

// The default applies to a literal that sets none: resolved, safe even
// under -strict.
func defaulted() *http.Transport {
	return conf.IfUnset(&http.Transport{})
}

// A literal that sets its own keeps it.
func ownTooLong() *http.Transport {
	return conf.IfUnset(&http.Transport{IdleConnTimeout: time.Hour}) // want `IdleConnTimeout is 3600s`
}
