//go:build unix

package natsim

import (
	"net"
	"syscall"
)

// socketError returns the socket's pending error (SO_ERROR), and clears it.
// After a peer's RST, Linux leaves ECONNRESET there, or EPIPE when the RST
// came after the peer's FIN (tcp_reset in net/ipv4/tcp_input.c); a read
// would not report it once a FIN has been read.
func socketError(c *net.TCPConn) error {
	rc, err := c.SyscallConn()
	if err != nil {
		return err
	}
	var soErr int
	var gerr error
	if err := rc.Control(func(fd uintptr) {
		soErr, gerr = syscall.GetsockoptInt(int(fd), syscall.SOL_SOCKET, syscall.SO_ERROR)
	}); err != nil {
		return err
	}
	if gerr != nil {
		return gerr
	}
	if soErr != 0 {
		return syscall.Errno(soErr)
	}
	return nil
}
