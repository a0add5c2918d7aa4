// Package kong is a stub of github.com/alecthomas/kong v1.17.0.
package kong

type Option interface{ apply() }

type Context struct{}

func Parse(cli any, options ...Option) *Context { return &Context{} }
