package dotimport

import (
	"net/http"
	. "time"
)

var _ = Second

func dotted() *http.Transport {
	return &http.Transport{} // want `has no IdleConnTimeout`
}
