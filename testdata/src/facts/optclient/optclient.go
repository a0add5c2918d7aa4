package optclient // want package:"pools"

// Package optclient is a functional-option API client shaped as
// github.com/moby/moby/client is: WithHTTPClient keeps a clone of the
// caller's client, WithHost configures its transport with a configurer
// that bounds unsized pools.

import (
	"net/http"

	"facts/conn"
)

type config struct {
	client *http.Client
	proto  string
	addr   string
}

type Opt func(*config) error

type Client struct{ config }

func New(ops ...Opt) (*Client, error) {
	c := &Client{config{client: &http.Client{}}}
	for _, op := range ops {
		if err := op(&c.config); err != nil {
			return nil, err
		}
	}
	return c, nil
}

func WithHTTPClient(client *http.Client) Opt { // want WithHTTPClient:`pool\(stores param 0 in facts/optclient.config.client.Transport\)`
	return func(c *config) error {
		if client != nil {
			hc := *client
			if ht, ok := hc.Transport.(*http.Transport); ok {
				hc.Transport = ht.Clone()
			}
			c.client = &hc
		}
		return nil
	}
}

func WithHost(host string) Opt { // want WithHost:`pool\(param -2: IdleConnTimeout=30000000000 if MaxIdleConns == 0 in facts/optclient.config.client.Transport\)`
	return func(c *config) error {
		c.proto, c.addr = "tcp", host
		if transport, ok := c.client.Transport.(*http.Transport); ok {
			return conn.ConfigureTransport(transport, c.proto, c.addr)
		}
		return nil
	}
}

func WithUserAgent(ua string) Opt {
	return func(c *config) error { return nil }
}
