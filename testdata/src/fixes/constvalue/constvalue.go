package constvalue

import (
	"net/http"
	"time"
)

const forever = 0

func inLiteral() *http.Transport {
	return &http.Transport{
		MaxIdleConns:    10,    // across hosts
		IdleConnTimeout: 0,     // want `IdleConnTimeout is 0s, which means no limit`
		MaxConnsPerHost: 20000, // per host
	}
}

func assigned() *http.Transport {
	t := http.DefaultTransport.(*http.Transport).Clone()
	t.IdleConnTimeout = 10 * time.Minute // want `IdleConnTimeout is 600s`
	return t
}

func namedConstant() *http.Transport {
	return &http.Transport{IdleConnTimeout: forever} // want `IdleConnTimeout is 0s`
}
