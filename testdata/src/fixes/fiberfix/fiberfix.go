package fiberfix

import (
	"time"

	"github.com/gofiber/fiber/v2"
)

func readOnly() *fiber.App {
	return fiber.New(fiber.Config{ // want `closes idle connections after 10s`
		AppName:     "dashboard",
		ReadTimeout: 10 * time.Second,
	})
}

func short() *fiber.App {
	return fiber.New(fiber.Config{IdleTimeout: 30 * time.Second}) // want `closes idle connections after 30s`
}

func throughServer() *fiber.App {
	app := fiber.New()
	app.Server().IdleTimeout = 15 * time.Second // want `closes idle connections after 15s`
	return app
}

// noLiteral: the ReadTimeout written through app.Server() stands for the
// unset IdleTimeout, and New has no Config literal to add it to: no fix.
func noLiteral() *fiber.App {
	app := fiber.New() // want `closes idle connections after 20s`
	app.Server().ReadTimeout = 20 * time.Second
	return app
}

// configVar: the fix adds IdleTimeout to the variable's literal.
func configVar() *fiber.App {
	cfg := fiber.Config{ReadTimeout: 10 * time.Second}
	return fiber.New(cfg) // want `closes idle connections after 10s`
}

// appConfig returns the Config literal the fix adds IdleTimeout to.
func appConfig() fiber.Config {
	return fiber.Config{ReadTimeout: 10 * time.Second}
}

// configFunc: the Config a function of the package returns.
func configFunc() *fiber.App {
	return fiber.New(appConfig()) // want `closes idle connections after 10s`
}
