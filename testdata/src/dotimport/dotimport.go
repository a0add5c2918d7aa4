package dotimport

import (
	. "net/http"
	"time"
)

func dot() *Transport {
	return &Transport{} // want `http.Transport has no IdleConnTimeout`
}

func dotSafe() *Transport {
	return &Transport{IdleConnTimeout: 30 * time.Second}
}

func dotClone() *Transport {
	return DefaultTransport.(*Transport).Clone()
}
