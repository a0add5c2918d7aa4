package generics

import (
	"net/http"
	"time"
)

func build[T any](opt T) (*http.Transport, T) {
	return &http.Transport{}, opt // want `http.Transport has no IdleConnTimeout`
}

func buildSafe[T any](opt T) (*http.Transport, T) {
	return &http.Transport{IdleConnTimeout: time.Minute}, opt
}

type Pool[T any] struct {
	t   *http.Transport
	opt T
}

func NewPool[T any](opt T) *Pool[T] {
	return &Pool[T]{t: &http.Transport{MaxIdleConns: 2}, opt: opt} // want `http.Transport has no IdleConnTimeout`
}

// SafePool's transport is configured after the literal, through the field.
type SafePool[T any] struct {
	t   *http.Transport
	opt T
}

func NewSafePool[T any](opt T) *SafePool[T] {
	p := &SafePool[T]{t: &http.Transport{}, opt: opt}
	p.t.IdleConnTimeout = 30 * time.Second
	return p
}

func idleOf[D ~int64](d D) *http.Transport {
	return &http.Transport{IdleConnTimeout: time.Duration(d)}
}
