package factorydefaultfix

import "net/http"

type Option func(*http.Transport)

// NewTransport is fixed where it builds the transport: its users who pass
// no option get the bound.
func NewTransport(opts ...Option) *http.Transport {
	t := &http.Transport{MaxIdleConns: 10} // want `from exported NewTransport called with no options has no IdleConnTimeout`
	for _, o := range opts {
		o(t)
	}
	return t
}
