package fasthttpfix

import (
	"time"

	"github.com/valyala/fasthttp"
)

var readOnly = &fasthttp.Server{ // want `closes idle connections after 10s`
	Name:        "auth",
	ReadTimeout: 10 * time.Second,
}

var short = &fasthttp.Server{IdleTimeout: 30 * time.Second} // want `closes idle connections after 30s`

func later() *fasthttp.Server {
	s := &fasthttp.Server{Name: "later"}
	s.IdleTimeout = 15 * time.Second // want `closes idle connections after 15s`
	return s
}
