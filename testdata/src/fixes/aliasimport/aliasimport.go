package aliasimport

import (
	"net/http"
	stdtime "time"
)

var _ = stdtime.Second

func aliased() *http.Transport {
	return &http.Transport{} // want `has no IdleConnTimeout`
}
