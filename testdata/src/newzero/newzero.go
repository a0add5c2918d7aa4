package newzero

import (
	"net/http"
	"time"
)

func newTransport() *http.Transport {
	return new(http.Transport) // want `http.Transport has no IdleConnTimeout`
}

func newConfigured() *http.Transport {
	t := new(http.Transport)
	t.IdleConnTimeout = 30 * time.Second
	return t
}

func zeroVar() *http.Client {
	var t http.Transport // want `http.Transport has no IdleConnTimeout`
	return &http.Client{Transport: &t}
}

func zeroVarConfigured() *http.Client {
	var t http.Transport
	t.IdleConnTimeout = 30 * time.Second
	return &http.Client{Transport: &t}
}

// zeroVarUnused is never used as a transport: no pool exists.
func zeroVarUnused() int {
	var t http.Transport
	return t.MaxIdleConns
}

type client struct {
	tr http.Transport // want `http.Transport has no IdleConnTimeout`
}

func (c *client) do(req *http.Request) (*http.Response, error) {
	return c.tr.RoundTrip(req)
}

type configuredClient struct {
	tr http.Transport
}

func newConfiguredClient() *configuredClient {
	c := &configuredClient{}
	c.tr.IdleConnTimeout = time.Minute
	return c
}

func (c *configuredClient) client() *http.Client {
	return &http.Client{Transport: &c.tr}
}

// unusedField holds a transport nobody uses.
type unusedField struct {
	tr http.Transport
}

var _ = unusedField{}
