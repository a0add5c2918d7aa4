// Package app uses the library: its calls give their own Config, which
// the library's facts do not judge as a zero one.
package app

import (
	"time"

	"factoryconfig/lib"
)

// Negative: this caller's Config bounds the transport; the library's
// finding is the library's.
func transport() *lib.Client {
	c, _ := lib.New(lib.Config{Endpoint: "etcd:2379", IdleTimeout: time.Minute})
	_ = lib.NewTransport(lib.Config{IdleTimeout: time.Minute})
	return c
}
