// Package ignorestrict is checked with -strict, which also reports ignore
// directives that suppress nothing.
package ignorestrict

import (
	"net/http"
	"time"
)

func used() *http.Transport {
	//keepalivelint:ignore the process exits after one request
	return &http.Transport{}
}

func usedOnItsLine(idle time.Duration) *http.Transport {
	return &http.Transport{IdleConnTimeout: idle} //keepalivelint:ignore validated in config.Load
}

func fixedSince() *http.Transport {
	//keepalivelint:ignore loopback only // want `directive suppresses nothing.*\(unused-ignore\)$`
	return &http.Transport{IdleConnTimeout: 90 * time.Second}
}

func tooFar() *http.Transport {
	//keepalivelint:ignore loopback only // want `\(unused-ignore\)$`

	return &http.Transport{} // want `\(no-idle-timeout\)$`
}

func malformed() *http.Transport {
	return &http.Transport{} // keepalivelint:ignore loopback // want `\(no-idle-timeout\)$` `\(malformed-ignore\)$`
}
