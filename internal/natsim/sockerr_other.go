//go:build !unix

package natsim

import "net"

// socketError cannot read SO_ERROR here; a [Link] then notices an RST from
// the server only when a read or write on the server socket fails.
func socketError(*net.TCPConn) error { return nil }
