// Package ledger talks to the ledger service. Its idle timeout was tuned for
// Google Cloud NAT (1200s), but the service now runs behind an AWS NAT
// Gateway, which drops a flow idle for 350s: reported with the default
// -max-idle, quiet with -max-idle=gcp-nat.
package ledger

import (
	"net/http"
	"time"
)

// Client is the ledger service's client.
var Client = &http.Client{
	Transport: &http.Transport{IdleConnTimeout: 400 * time.Second},
}
