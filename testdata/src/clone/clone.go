package clone

import (
	"net/http"
	"time"
)

func fromDefault() *http.Transport {
	return http.DefaultTransport.(*http.Transport).Clone()
}

func fromDefaultCommaOK() *http.Transport {
	t, ok := http.DefaultTransport.(*http.Transport)
	if !ok {
		return nil
	}
	return t.Clone()
}

func fromDefaultMadeUnsafe() *http.Transport {
	t := http.DefaultTransport.(*http.Transport).Clone()
	t.IdleConnTimeout = 0 // want `IdleConnTimeout is 0s, which means no limit`
	return t
}

func fromDefaultTuned() *http.Transport {
	t := http.DefaultTransport.(*http.Transport).Clone()
	t.IdleConnTimeout = 30 * time.Second
	t.MaxIdleConnsPerHost = 100
	return t
}

// fromLiteral clones a literal of the same function: the literal is
// reported, the clone follows it and is not reported again.
func fromLiteral() (*http.Transport, *http.Transport) {
	base := &http.Transport{MaxIdleConns: 10} // want `http.Transport has no IdleConnTimeout`
	return base, base.Clone()
}

func fromSafeLiteral() *http.Transport {
	base := &http.Transport{IdleConnTimeout: time.Minute}
	return base.Clone()
}

func fromSafeLiteralMadeUnsafe() *http.Transport {
	base := &http.Transport{IdleConnTimeout: time.Minute}
	c := base.Clone()
	c.IdleConnTimeout = time.Hour // want `IdleConnTimeout is 3600s, not below the 350s limit`
	return c
}

// fromParameter has an unknown origin: silent.
func fromParameter(t *http.Transport) *http.Transport {
	return t.Clone()
}

// fromInterface has an unknown origin: silent.
func fromInterface(rt http.RoundTripper) http.RoundTripper {
	if t, ok := rt.(*http.Transport); ok {
		return t.Clone()
	}
	return rt
}
