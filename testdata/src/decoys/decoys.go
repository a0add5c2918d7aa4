package decoys

import (
	"net/http"
	"time"

	"decoys/thirdparty"
)

// Config is a settings struct with look-alike fields.
type Config struct {
	IdleConnTimeout time.Duration
	KeepAlive       time.Duration
	Transport       *thirdparty.Transport
}

func decoys() (*Config, *thirdparty.Transport, *thirdparty.Dialer, thirdparty.Options) {
	c := &Config{IdleConnTimeout: 0, KeepAlive: -1}
	c.IdleConnTimeout = time.Hour
	t := &thirdparty.Transport{}
	t.IdleConnTimeout = 0
	t = t.Clone()
	d := &thirdparty.Dialer{KeepAlive: -1}
	return c, t, d, thirdparty.Options{IdleConnTimeout: time.Hour}
}

// server has an IdleTimeout of its own: a server, not a client pool.
func server() *http.Server {
	return &http.Server{IdleTimeout: 0}
}

// Transport is a local type named Transport.
type Transport struct{ IdleConnTimeout time.Duration }

func local() *Transport { return &Transport{} }
