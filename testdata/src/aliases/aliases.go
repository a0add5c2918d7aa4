package aliases

import (
	nethttp "net/http"
	"time"
)

type Transport = nethttp.Transport

func importAlias() *nethttp.Transport {
	return &nethttp.Transport{} // want `http.Transport has no IdleConnTimeout`
}

func typeAlias() *Transport {
	return &Transport{} // want `http.Transport has no IdleConnTimeout`
}

func typeAliasSafe() *Transport {
	return &Transport{IdleConnTimeout: 30 * time.Second}
}
