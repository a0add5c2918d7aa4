// Package serversoff is judged with -balancer-idle=off: no balancer pools
// connections to its servers, so none is reported.
package serversoff

import (
	"net/http"
	"time"

	"github.com/gofiber/fiber/v2"
	"github.com/valyala/fasthttp"
)

var readOnly = &http.Server{ReadTimeout: 10 * time.Second}

var short = &http.Server{IdleTimeout: time.Second}

var fastReadOnly = &fasthttp.Server{ReadTimeout: 10 * time.Second}

func fiberShort() *fiber.App {
	app := fiber.New(fiber.Config{ReadTimeout: 10 * time.Second})
	app.Server().IdleTimeout = 15 * time.Second
	return app
}
