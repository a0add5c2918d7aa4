// Package factoryuser adjusts transports built by another package's
// factories: judged with what the factory returns plus its own writes.
package factoryuser

import (
	"time"

	"facts/factory"
)

// Keep-alives are off in the factory: a 0 idle timeout pools nothing.
func noKeepAlives() {
	t := factory.NoKeepAlives()
	t.IdleConnTimeout = 0
	_ = t
}

// An explicit bad value over a bounded factory's is reported here.
func tooLong() {
	t := factory.Bounded()
	t.IdleConnTimeout = time.Hour // want `IdleConnTimeout is 3600s`
	_ = t
}

// The factory's own missing bound is reported there, not here.
func unbounded() {
	t := factory.Unbounded()
	t.MaxIdleConnsPerHost = 4
	_ = t
}
