package literal

import (
	"net"
	"net/http"
	"time"

	"wrapper"
)

func bare() *http.Transport {
	return &http.Transport{} // want `http.Transport has no IdleConnTimeout: idle connections are kept forever`
}

func nestedInClient() *http.Client {
	return &http.Client{Transport: &http.Transport{ // want `http.Transport has no IdleConnTimeout`
		Proxy:               http.ProxyFromEnvironment,
		MaxIdleConnsPerHost: 10,
	}}
}

func nestedInWrapper() *wrapper.Client {
	return &wrapper.Client{RT: &http.Transport{MaxIdleConns: 5}} // want `http.Transport has no IdleConnTimeout`
}

func sliceAndMap() ([]*http.Transport, map[string]*http.Transport) {
	ts := []*http.Transport{
		{MaxIdleConns: 1}, // want `http.Transport has no IdleConnTimeout`
		{IdleConnTimeout: 30 * time.Second},
	}
	m := map[string]*http.Transport{
		"a": {}, // want `http.Transport has no IdleConnTimeout`
		"b": {IdleConnTimeout: time.Minute},
	}
	return ts, m
}

// valueTakenLater is a value literal whose address is taken afterwards.
func valueTakenLater() *http.Client {
	t := http.Transport{MaxIdleConns: 3} // want `http.Transport has no IdleConnTimeout`
	return &http.Client{Transport: &t}
}

func valueSafe() *http.Client {
	t := http.Transport{}
	t.IdleConnTimeout = 45 * time.Second
	return &http.Client{Transport: &t}
}

var pkgLevel = &http.Transport{ // want `http.Transport has no IdleConnTimeout`
	Proxy: http.ProxyFromEnvironment,
}

var pkgLevelSafe = &http.Transport{
	Proxy: http.ProxyFromEnvironment,
}

func configurePkgLevel() {
	pkgLevelSafe.IdleConnTimeout = 90 * time.Second
}

func tooLong() *http.Transport {
	return &http.Transport{IdleConnTimeout: 10 * time.Minute} // want `http.Transport IdleConnTimeout is 600s, not below the 350s limit`
}

func atLimit() *http.Transport {
	return &http.Transport{IdleConnTimeout: 350 * time.Second} // want `IdleConnTimeout is 350s, not below the 350s limit`
}

func negative() *http.Transport {
	return &http.Transport{IdleConnTimeout: -1} // want `IdleConnTimeout is -1ns, which means no limit`
}

func dialerSafe() *http.Transport {
	d := &net.Dialer{Timeout: time.Second}
	return &http.Transport{DialContext: d.DialContext, IdleConnTimeout: 90 * time.Second}
}
