package fiberv3servers // want package:"pools"

// Package fiberv3servers: Fiber v3 apps, judged as v2's are (the cases are
// in fiberservers); v3 adds NewWithCustomCtx, whose Config is its second
// argument.

import (
	"time"

	"github.com/gofiber/fiber/v3"
)

// Dashboard: a 15s idle timeout set through app.Server(), behind a 60s ALB.
func Dashboard() *fiber.App {
	app := fiber.New(fiber.Config{AppName: "dashboard"})
	app.Server().IdleTimeout = 15 * time.Second // want `fiber.App from fiber.New closes idle connections after 15s \(IdleTimeout\), before the balancer's 60s`
	return app
}

// ConfigReadOnly: the Config's ReadTimeout stands for its unset IdleTimeout.
func ConfigReadOnly() *fiber.App {
	return fiber.New(fiber.Config{ReadTimeout: 10 * time.Second}) // want `after 10s \(ReadTimeout, since IdleTimeout is unset\)`
}

// AboveBalancer and Defaults stay quiet.
func AboveBalancer() *fiber.App {
	return fiber.New(fiber.Config{ReadTimeout: 10 * time.Second, IdleTimeout: 90 * time.Second})
}

func Defaults() *fiber.App {
	return fiber.New()
}

type ctx struct{}

// CustomCtx: NewWithCustomCtx's Config is its second argument.
func CustomCtx() *fiber.App {
	return fiber.NewWithCustomCtx(func(app *fiber.App) fiber.CustomCtx { return ctx{} }, fiber.Config{ // want `fiber.App from fiber.NewWithCustomCtx closes idle connections after 10s \(ReadTimeout, since IdleTimeout is unset\)`
		ReadTimeout: 10 * time.Second,
	})
}

// CustomCtxAbove stays quiet.
func CustomCtxAbove() *fiber.App {
	return fiber.NewWithCustomCtx(func(app *fiber.App) fiber.CustomCtx { return ctx{} }, fiber.Config{IdleTimeout: 2 * time.Minute})
}

// tune is given an app built elsewhere.
func tune(app *fiber.App) { // want tune:"pool\\(param 0: IdleTimeout=5000000000\\)"
	app.Server().IdleTimeout = 5 * time.Second // want `fiber.App closes idle connections after 5s \(IdleTimeout\)`
}
