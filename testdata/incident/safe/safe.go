// Package safe holds the fixed client: idle connections are closed after 90s,
// well before any NAT or load balancer in front of it forgets the flow.
package safe

import (
	"net/http"
	"time"
)

// Client is safe behind an AWS NAT Gateway (350s) or Azure's 4 minutes.
var Client = &http.Client{
	Timeout: 30 * time.Second,
	Transport: &http.Transport{
		MaxIdleConnsPerHost: 4,
		IdleConnTimeout:     90 * time.Second,
	},
}
