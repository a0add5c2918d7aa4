// Package fiber is a stub of github.com/gofiber/fiber/v3 for the
// fixtures: New copies Config.ReadTimeout, IdleTimeout and
// DisableKeepalive into the fasthttp.Server it builds, which Server
// returns.
package fiber

import (
	"net"
	"time"

	"github.com/valyala/fasthttp"
)

// Config is the app's configuration.
type Config struct {
	AppName          string
	ReadTimeout      time.Duration
	WriteTimeout     time.Duration
	IdleTimeout      time.Duration
	DisableKeepalive bool
}

// App is a Fiber application.
type App struct {
	config Config
	server *fasthttp.Server
}

// New builds an app and its fasthttp server from config.
func New(config ...Config) *App {
	app := &App{}
	if len(config) > 0 {
		app.config = config[0]
	}
	app.server = &fasthttp.Server{}
	app.server.ReadTimeout = app.config.ReadTimeout
	app.server.IdleTimeout = app.config.IdleTimeout
	app.server.DisableKeepalive = app.config.DisableKeepalive
	return app
}

// CustomCtx stands for v3's custom context.
type CustomCtx interface{}

// NewWithCustomCtx builds an app with a custom context; its Config is
// the second argument.
func NewWithCustomCtx(newCtxFunc func(app *App) CustomCtx, config ...Config) *App {
	return New(config...)
}

// Server returns the app's fasthttp server.
func (app *App) Server() *fasthttp.Server { return app.server }

// Listen serves on addr.
func (app *App) Listen(addr string) error { return nil }

// Listener serves on ln.
func (app *App) Listener(ln net.Listener) error { return nil }

// Get routes a GET.
func (app *App) Get(path string, handler func() error) {}
