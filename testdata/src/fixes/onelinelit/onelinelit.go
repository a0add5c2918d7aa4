package onelinelit

import (
	"net/http"
	"time"
)

var _ = time.Second

func oneLine() *http.Transport {
	return &http.Transport{Proxy: http.ProxyFromEnvironment, MaxIdleConns: 10} // want `has no IdleConnTimeout`
}
