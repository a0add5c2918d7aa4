package limits

import (
	"net/http"
	"time"
)

// With -max-idle=aws-alb (60s), 90s is too long.
func ninety() *http.Transport {
	return &http.Transport{IdleConnTimeout: 90 * time.Second} // want `IdleConnTimeout is 90s, not below the 60s limit; lower it, e.g. to 30 \* time.Second`
}

func thirty() *http.Transport {
	return &http.Transport{IdleConnTimeout: 30 * time.Second}
}
