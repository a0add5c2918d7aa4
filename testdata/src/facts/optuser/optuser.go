// Package optuser hands transports to option-style clients (as
// github.com/docker/cli's context loader does).
package optuser

import (
	"net/http"

	"facts/optclient"
	"facts/optclientold"
)

// WithHost follows WithHTTPClient: the client's configurer bounds the
// unsized transport.
func configured(host string) []optclient.Opt {
	var result []optclient.Opt
	result = append(result, optclient.WithHTTPClient(&http.Client{
		Transport: &http.Transport{Proxy: http.ProxyFromEnvironment},
	}))
	result = append(result, optclient.WithHost(host))
	return result
}

// No WithHost: nothing configures the transport.
func unconfigured() (*optclient.Client, error) {
	return optclient.New(optclient.WithHTTPClient(&http.Client{
		Transport: &http.Transport{}, // want `http.Transport has no IdleConnTimeout`
	}), optclient.WithUserAgent("x"))
}

// WithHost before WithHTTPClient configures the client it replaces.
func hostFirst(host string) (*optclient.Client, error) {
	return optclient.New(optclient.WithHost(host), optclient.WithHTTPClient(&http.Client{
		Transport: &http.Transport{}, // want `http.Transport has no IdleConnTimeout`
	}))
}

// A sized pool is left alone by the configurer.
func sized(host string) (*optclient.Client, error) {
	return optclient.New(optclient.WithHTTPClient(&http.Client{
		Transport: &http.Transport{MaxIdleConns: 100}, // want `http.Transport has no IdleConnTimeout`
	}), optclient.WithHost(host))
}

// The old client's configurer sets no idle timeout.
func old(host string) []optclientold.Opt {
	return []optclientold.Opt{
		optclientold.WithHTTPClient(&http.Client{Transport: &http.Transport{}}), // want `http.Transport has no IdleConnTimeout`
		optclientold.WithHost(host),
	}
}
