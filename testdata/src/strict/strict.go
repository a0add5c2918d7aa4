package strict

import (
	"net/http"
	"time"
)

func parameter(d time.Duration) *http.Transport {
	return &http.Transport{IdleConnTimeout: d} // want `http.Transport IdleConnTimeout comes from a value keepalivelint cannot resolve \(-strict\)`
}

func disableDynamic(off bool) *http.Transport {
	return &http.Transport{DisableKeepAlives: off} // want `http.Transport DisableKeepAlives comes from a value keepalivelint cannot resolve`
}

func constant() *http.Transport {
	return &http.Transport{IdleConnTimeout: 30 * time.Second}
}

func unset() *http.Transport {
	return &http.Transport{} // want `http.Transport has no IdleConnTimeout`
}

var defaultTransport = http.DefaultTransport.(*http.Transport)

// The default transport's idle timeout is known (90s): resolved, not dynamic.
func copiedFromDefault() *http.Transport {
	return &http.Transport{IdleConnTimeout: defaultTransport.IdleConnTimeout}
}

// A hook may configure the transport: dynamic, said as such.
func hooked(hook func(*http.Transport)) *http.Transport {
	t := &http.Transport{}
	hook(t) // want `http.Transport is handed to code keepalivelint cannot see into`
	return t
}
