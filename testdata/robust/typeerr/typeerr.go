package typeerr

import (
	"net/http"
	"time"
)

func New() *http.Transport {
	return &http.Transport{IdleConnTimeoutt: time.Minute, MaxIdleConns: "ten"}
}

func Later(t *http.Transport) {
	t.IdleConnTimeout = notDeclared
	t.Nope = 1
}
