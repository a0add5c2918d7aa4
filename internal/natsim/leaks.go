package natsim

import (
	"runtime"
	"strings"
	"time"
)

// WaitNoLeaks waits until no goroutine whose stack mentions one of
// suspects is left (those of a [Relay] and of a [Link] are always
// suspects), and returns the stacks of those left when the timeout
// expires, or "". Goroutines of
// TestMain and of WaitNoLeaks itself are not counted.
func WaitNoLeaks(timeout time.Duration, suspects ...string) string {
	suspects = append([]string{"natsim.(*Relay)", "natsim.(*flow)", "natsim.(*Link)", "natsim.(*linkConn)"}, suspects...)
	deadline := time.Now().Add(timeout)
	for {
		buf := make([]byte, 1<<20)
		buf = buf[:runtime.Stack(buf, true)]
		var leaked []string
		for _, g := range strings.Split(string(buf), "\n\n") {
			if strings.Contains(g, "TestMain") || strings.Contains(g, "WaitNoLeaks") {
				continue
			}
			for _, s := range suspects {
				if strings.Contains(g, s) {
					leaked = append(leaked, g)
					break
				}
			}
		}
		if len(leaked) == 0 {
			return ""
		}
		if time.Now().After(deadline) {
			return strings.Join(leaked, "\n\n")
		}
		time.Sleep(20 * time.Millisecond)
	}
}
