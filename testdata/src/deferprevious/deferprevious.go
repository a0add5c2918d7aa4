// Package deferprevious holds servers that replace the one a variable
// held: what the function does through a copy of the previous value (a
// deferred Shutdown, a goroutine out of sight) belongs to that value, not
// to the new server stored after it. Seen in a web server's admin
// endpoint: a 60s IdleTimeout, at the balancer's 60s.
package deferprevious

import (
	"context"
	"net/http"
	"time"
)

var adminServer *http.Server

// Positive: the goroutine shuts the old server down; the new one is
// judged by its own settings.
func replaceAdmin(ctx context.Context) {
	oldAdminServer := adminServer
	defer func() {
		if oldAdminServer != nil {
			go func(s *http.Server) { _ = s.Shutdown(ctx) }(oldAdminServer)
		}
	}()
	adminServer = &http.Server{Addr: ":2019", IdleTimeout: 60 * time.Second} // want `http.Server closes idle connections after 60s \(IdleTimeout\), before the balancer's 60s`
	go adminServer.ListenAndServe()
}

var metricsServer *http.Server

// Positive: a deferred call through a function value of the old server.
func replaceMetrics(stop func(*http.Server)) {
	old := metricsServer
	defer stop(old)
	metricsServer = &http.Server{Addr: ":9090", ReadTimeout: 10 * time.Second} // want `after 10s \(ReadTimeout, since IdleTimeout is unset\)`
	go metricsServer.ListenAndServe()
}

var debugServer *http.Server

// Negative: a copy taken after the new server is stored is that server,
// handed to code out of sight: dynamic, quiet by default.
func replaceDebug(ctx context.Context, hook func(*http.Server)) {
	debugServer = &http.Server{Addr: ":6060", IdleTimeout: 60 * time.Second}
	current := debugServer
	hook(current)
	go debugServer.ListenAndServe()
}

var workerServer *http.Server

// Positive: in a loop, the copy of the next iteration is the server this
// iteration stores (still an alias of it), but the last iteration's
// server is never handed to hook: its 60s holds on that path.
func rotate(ctx context.Context, hook func(*http.Server)) {
	for range 3 {
		prev := workerServer
		hook(prev)
		workerServer = &http.Server{Addr: ":7070", IdleTimeout: 60 * time.Second} // want `after 60s \(IdleTimeout\)`
		go workerServer.ListenAndServe()
	}
}
