package newcall

import (
	nethttp "net/http"
)

func newTransport() *nethttp.Transport {
	return new(nethttp.Transport) // want `has no IdleConnTimeout`
}
