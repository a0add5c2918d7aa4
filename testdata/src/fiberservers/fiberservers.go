package fiberservers // want package:"pools"

// Package fiberservers holds Fiber v2 apps behind a load balancer (the
// default -balancer-idle of 60s, an AWS ALB). fiber.New copies its
// Config's ReadTimeout and IdleTimeout into the fasthttp.Server it serves
// with, and app.Server() returns that server: the settings of both count.

import (
	"net"
	"time"

	"github.com/gofiber/fiber/v2"
)

// Dashboard: a 15s idle timeout set through app.Server(), behind a 60s ALB.
func Dashboard() *fiber.App {
	app := fiber.New(fiber.Config{AppName: "dashboard"})
	app.Server().IdleTimeout = 15 * time.Second // want `fiber.App from fiber.New closes idle connections after 15s \(IdleTimeout\), before the balancer's 60s; set IdleTimeout above it, e.g. 75 \* time.Second \(server-idle-timeout-too-short\)`
	return app
}

// ConfigIdle: the Config's IdleTimeout.
func ConfigIdle() *fiber.App {
	return fiber.New(fiber.Config{
		IdleTimeout: 30 * time.Second, // want `fiber.App from fiber.New closes idle connections after 30s \(IdleTimeout\)`
	})
}

// ConfigReadOnly: the Config's ReadTimeout stands for its unset IdleTimeout.
func ConfigReadOnly() *fiber.App {
	app := fiber.New(fiber.Config{ReadTimeout: 10 * time.Second}) // want `fiber.App from fiber.New closes idle connections after 10s \(ReadTimeout, since IdleTimeout is unset\)`
	return app
}

// ServerVar: writes through a variable holding app.Server().
func ServerVar() *fiber.App {
	app := fiber.New() // want `fiber.App from fiber.New closes idle connections after 20s \(ReadTimeout, since IdleTimeout is unset\)`
	srv := app.Server()
	srv.ReadTimeout = 20 * time.Second
	return app
}

// Raised: a short Config ReadTimeout, with IdleTimeout raised through
// app.Server() on every path.
func Raised() *fiber.App {
	app := fiber.New(fiber.Config{ReadTimeout: 5 * time.Second})
	app.Server().IdleTimeout = 2 * time.Minute
	return app
}

// AboveBalancer: IdleTimeout above the balancer's wins over ReadTimeout.
func AboveBalancer() *fiber.App {
	return fiber.New(fiber.Config{ReadTimeout: 10 * time.Second, IdleTimeout: 90 * time.Second})
}

// Defaults: no timeout at all; the balancer always closes first.
func Defaults() *fiber.App {
	return fiber.New()
}

// KeepaliveOff: no idle connection is kept.
func KeepaliveOff() *fiber.App {
	return fiber.New(fiber.Config{ReadTimeout: 10 * time.Second, DisableKeepalive: true})
}

// ConfigVar: a Config literal in a variable written once, by its
// declaration, is read as if it were passed as it is.
func ConfigVar() *fiber.App {
	cfg := fiber.Config{AppName: "portal", ReadTimeout: 30 * time.Second}
	return fiber.New(cfg) // want `fiber.App from fiber.New closes idle connections after 30s \(ReadTimeout, since IdleTimeout is unset\)`
}

// ConfigVarAbove: the variable's IdleTimeout is above the balancer's.
func ConfigVarAbove() *fiber.App {
	cfg := fiber.Config{ReadTimeout: 30 * time.Second, IdleTimeout: 2 * time.Minute}
	return fiber.New(cfg)
}

// ConfigVarRewritten: a field written after the declaration is not
// followed: the Config is out of sight, as a parameter's is.
func ConfigVarRewritten(long bool) *fiber.App {
	cfg := fiber.Config{ReadTimeout: 30 * time.Second}
	if long {
		cfg.IdleTimeout = 2 * time.Minute
	}
	return fiber.New(cfg)
}

// appConfig returns the app's Config literal: a function of this package
// with one return statement is read as the literal it returns.
func appConfig() fiber.Config {
	return fiber.Config{AppName: "orders", ReadTimeout: 20 * time.Second}
}

// ConfigFunc: the Config a function of the package returns.
func ConfigFunc() *fiber.App {
	return fiber.New(appConfig()) // want `fiber.App from fiber.New closes idle connections after 20s \(ReadTimeout, since IdleTimeout is unset\)`
}

// ConfigFuncVar: the same, through a variable written once.
func ConfigFuncVar() *fiber.App {
	cfg := appConfig()
	return fiber.New(cfg) // want `fiber.App from fiber.New closes idle connections after 20s \(ReadTimeout, since IdleTimeout is unset\)`
}

// longConfig returns a Config whose IdleTimeout is above the balancer's.
func longConfig() fiber.Config {
	return fiber.Config{ReadTimeout: 20 * time.Second, IdleTimeout: 2 * time.Minute}
}

// ConfigFuncAbove: quiet, as its literal would be.
func ConfigFuncAbove() *fiber.App {
	return fiber.New(longConfig())
}

// chosenConfig returns one of two literals: which one is not known.
func chosenConfig(slow bool) fiber.Config {
	if slow {
		return fiber.Config{ReadTimeout: 20 * time.Second}
	}
	return fiber.Config{IdleTimeout: 2 * time.Minute}
}

// ConfigFuncBranches: a function with more than one return is not read as
// a literal: out of sight, as a parameter's Config is.
func ConfigFuncBranches(slow bool) *fiber.App {
	return fiber.New(chosenConfig(slow))
}

// idleConfig returns a literal whose IdleTimeout is its parameter.
func idleConfig(idle time.Duration) fiber.Config {
	return fiber.Config{IdleTimeout: idle}
}

// ConfigFuncParam: above the balancer, through the function's parameter.
func ConfigFuncParam() *fiber.App {
	return fiber.New(idleConfig(2 * time.Minute))
}

// FromConfig: a Config built elsewhere is out of sight.
func FromConfig(cfg fiber.Config) *fiber.App {
	return fiber.New(cfg)
}

// UnixSocket serves only on a unix socket: no balancer in front.
func UnixSocket(path string) error {
	l, err := net.Listen("unix", path)
	if err != nil {
		return err
	}
	app := fiber.New(fiber.Config{ReadTimeout: 10 * time.Second})
	return app.Listener(l)
}

// Served on TCP: behind the balancer.
func Served() error {
	app := fiber.New(fiber.Config{IdleTimeout: 45 * time.Second}) // want `after 45s \(IdleTimeout\)`
	return app.Listen(":3000")
}

// tune is given an app built elsewhere: its short idle timeout is reported
// where it is written.
func tune(app *fiber.App) { // want tune:"pool\\(param 0: IdleTimeout=5000000000\\)"
	app.Server().IdleTimeout = 5 * time.Second // want `fiber.App closes idle connections after 5s \(IdleTimeout\)`
}
