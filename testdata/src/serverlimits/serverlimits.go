// Package serverlimits is judged behind Envoy (-balancer-idle=envoy, 1h).
package serverlimits

import (
	"net/http"
	"time"

	"github.com/gofiber/fiber/v2"
	"github.com/valyala/fasthttp"
)

var tenMinutes = &http.Server{IdleTimeout: 10 * time.Minute} // want `http.Server closes idle connections after 600s \(IdleTimeout\), before the balancer's 3600s; set IdleTimeout above it, e.g. 75 \* time.Minute`

var twoHours = &http.Server{IdleTimeout: 2 * time.Hour}

var noIdle = &http.Server{ReadHeaderTimeout: 5 * time.Second}

var fastTenMinutes = &fasthttp.Server{IdleTimeout: 10 * time.Minute} // want `fasthttp.Server closes idle connections after 600s \(IdleTimeout\), before the balancer's 3600s; set IdleTimeout above it, e.g. 75 \* time.Minute`

var fastTwoHours = &fasthttp.Server{IdleTimeout: 2 * time.Hour}

func fiberTenMinutes() *fiber.App {
	return fiber.New(fiber.Config{ReadTimeout: 10 * time.Minute}) // want `fiber.App from fiber.New closes idle connections after 600s \(ReadTimeout, since IdleTimeout is unset\), before the balancer's 3600s`
}

func fiberTwoHours() *fiber.App {
	return fiber.New(fiber.Config{ReadTimeout: 10 * time.Minute, IdleTimeout: 2 * time.Hour})
}
