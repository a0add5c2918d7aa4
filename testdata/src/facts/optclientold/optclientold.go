package optclientold // want package:"pools"

// Package optclientold is the same client built on the old configurer,
// which sets no idle timeout (docker v28 with go-connections v0.5).

import (
	"net/http"

	"facts/connold"
)

type Client struct {
	client *http.Client
}

type Opt func(*Client) error

func WithHTTPClient(client *http.Client) Opt { // want WithHTTPClient:`pool\(stores param 0 in facts/optclientold.Client.client.Transport\)`
	return func(c *Client) error {
		if client != nil {
			c.client = client
		}
		return nil
	}
}

func WithHost(host string) Opt {
	return func(c *Client) error {
		if transport, ok := c.client.Transport.(*http.Transport); ok {
			return connold.ConfigureTransport(transport, "tcp", host)
		}
		return nil
	}
}
