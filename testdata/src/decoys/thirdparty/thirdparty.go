// Package thirdparty has types with the same field names as the pools
// keepalivelint checks: none of them may ever fire.
package thirdparty

import "time"

type Transport struct {
	IdleConnTimeout     time.Duration
	DisableKeepAlives   bool
	MaxIdleConnsPerHost int
}

type Dialer struct {
	KeepAlive time.Duration
}

type Options struct {
	IdleConnTimeout time.Duration
	KeepAlive       time.Duration
}

func (t *Transport) Clone() *Transport { return t }
