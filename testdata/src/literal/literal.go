package literal

import (
	"net"
	"net/http"
	"time"
)

func bare() *http.Transport {
	return &http.Transport{} // want `http.Transport has no IdleConnTimeout`
}

func multi() *http.Client {
	return &http.Client{Transport: &http.Transport{ // want `http.Transport has no IdleConnTimeout`
		Proxy:               http.ProxyFromEnvironment,
		MaxIdleConnsPerHost: 10,
	}}
}

func tooLong() *http.Transport {
	return &http.Transport{IdleConnTimeout: 10 * time.Minute} // want `IdleConnTimeout is 600s, not below the 350s limit`
}

func zero() *http.Transport {
	t := &http.Transport{}
	t.IdleConnTimeout = 0 // want `IdleConnTimeout is 0s, which means no limit`
	return t
}

func keepAliveOff() *http.Transport {
	d := &net.Dialer{KeepAlive: -1}
	return &http.Transport{DialContext: d.DialContext} // want `its dialer turns TCP keepalive off`
}

func safe() []*http.Transport {
	return []*http.Transport{
		{IdleConnTimeout: 90 * time.Second},
		{DisableKeepAlives: true},
		{MaxIdleConnsPerHost: -1},
		http.DefaultTransport.(*http.Transport).Clone(),
	}
}
