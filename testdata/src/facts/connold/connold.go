// Package connold behaves as github.com/docker/go-connections/sockets
// v0.6.0 does: ConfigureTransport sets the proxy and the dialer only.
package connold

import (
	"net"
	"net/http"
	"time"
)

func ConfigureTransport(tr *http.Transport, proto, addr string) error {
	tr.Proxy = http.ProxyFromEnvironment
	tr.DialContext = (&net.Dialer{Timeout: 30 * time.Second}).DialContext
	return nil
}
