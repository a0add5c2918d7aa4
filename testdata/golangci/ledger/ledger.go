// Package ledger keeps idle connections 400s: too long behind an AWS NAT
// Gateway (350s), fine behind Google Cloud NAT (1200s).
package ledger

import (
	"net/http"
	"time"
)

// Client talks to the ledger.
var Client = &http.Client{Transport: &http.Transport{IdleConnTimeout: 400 * time.Second}}
