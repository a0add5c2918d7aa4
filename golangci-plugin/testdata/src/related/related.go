// Package related has a finding with related information: the transport
// the too-long value is written to, on another line.
package related

import (
	"net/http"
	"time"
)

func newTransport() *http.Transport {
	tr := &http.Transport{}
	tr.IdleConnTimeout = 400 * time.Second // want `IdleConnTimeout is 400s`
	return tr
}

var Client = &http.Client{Transport: newTransport()}
