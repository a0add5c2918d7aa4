// Package egress is how the service reaches the outside world: its dialer
// goes out through the VPC's AWS NAT Gateway. It turns TCP keepalive off
// (KeepAlive: -1), as the team's old proxy client did, so an idle pooled
// connection sends nothing at all: after 350s the NAT Gateway forgets its
// flow and answers the next packet with a reset. (Go's own dialer, which
// net/http uses when DialContext is nil, sends a keepalive probe every 15s
// and keeps the mapping alive.)
package egress

import (
	"net"
	"time"
)

// Dialer dials every outbound connection of the service.
var Dialer = &net.Dialer{Timeout: 5 * time.Second, KeepAlive: -1}
