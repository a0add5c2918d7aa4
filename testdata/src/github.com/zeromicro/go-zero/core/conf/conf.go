// Package conf is a stub of github.com/zeromicro/go-zero/core/conf v1.10.3.
package conf

type Option func(opt *options)

type options struct{ env bool }

func Load(file string, v any, opts ...Option) error { return nil }
func MustLoad(path string, v any, opts ...Option)   {}
