package serverfix

import (
	"net/http"
	"time"
)

var readOnly = &http.Server{ // want `closes idle connections after 10s`
	Addr:        ":8080",
	ReadTimeout: 10 * time.Second,
}

var short = &http.Server{IdleTimeout: 30 * time.Second} // want `closes idle connections after 30s`

var explicitZero = &http.Server{IdleTimeout: 0, ReadTimeout: 5 * time.Second} // want `closes idle connections after 5s`

func newServer() *http.Server {
	s := new(http.Server) // want `closes idle connections after 20s`
	s.ReadTimeout = 20 * time.Second
	return s
}
