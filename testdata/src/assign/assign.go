package assign // want package:"pools"

import (
	"net/http"
	"time"

	"factory"
)

func badAfterFactory() *http.Transport {
	t := factory.New()
	t.IdleConnTimeout = 0 // want `IdleConnTimeout is 0s, which means no limit`
	return t
}

func tooLongAfterFactory() *http.Transport {
	t := factory.New()
	t.IdleConnTimeout = 20 * time.Minute // want `IdleConnTimeout is 1200s, not below the 350s limit`
	return t
}

func goodAfterFactory() *http.Transport {
	t := factory.New()
	t.IdleConnTimeout = time.Minute
	return t
}

// parameter: a bad constant written to a transport of unknown origin.
func parameter(t *http.Transport) { // want parameter:`pool\(param 0: IdleConnTimeout=-5000000000\)`
	t.IdleConnTimeout = -5 * time.Second // want `IdleConnTimeout is -5s, which means no limit`
}

// disabledAfterFactory: no idle pool, so the idle timeout does not matter.
func disabledAfterFactory() *http.Transport {
	t := factory.New()
	t.DisableKeepAlives = true
	t.IdleConnTimeout = 0
	return t
}

func viaInterface(rt http.RoundTripper) {
	rt.(*http.Transport).IdleConnTimeout = 400 * time.Second // want `IdleConnTimeout is 400s`
}

// localFactory returns a literal whose callers in this package set the
// idle timeout: not reported.
func localFactory() *http.Transport {
	return &http.Transport{MaxIdleConns: 4}
}

func useLocalFactory() *http.Transport {
	t := localFactory()
	t.IdleConnTimeout = 30 * time.Second
	return t
}

func viaPointerAlias() *http.Transport {
	t := &http.Transport{}
	p := t
	p.IdleConnTimeout = 10 * time.Second
	return t
}

func viaAddressAlias() *http.Client {
	var t http.Transport
	p := &t
	p.IdleConnTimeout = 10 * time.Second
	return &http.Client{Transport: p}
}

func disableAssigned() *http.Transport {
	t := &http.Transport{}
	t.DisableKeepAlives = true
	return t
}

func perHostAssigned() *http.Transport {
	t := &http.Transport{}
	t.MaxIdleConnsPerHost = -1
	return t
}

// viaVariableFactory returns its literal through a variable; its caller in
// this package sets the idle timeout.
func viaVariableFactory() *http.Transport {
	t := &http.Transport{MaxIdleConns: 4}
	return t
}

func useViaVariableFactory() *http.Transport {
	t := viaVariableFactory()
	t.IdleConnTimeout = 30 * time.Second
	return t
}
