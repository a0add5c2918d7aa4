// Package payments pools idle connections with no idle timeout.
package payments

import "net/http"

// Client posts payments.
var Client = &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 4}}
