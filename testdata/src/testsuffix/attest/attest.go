// Package attest (software attestation) is production code.
package attest

import "net/http"

var transport = &http.Transport{} // want `\(no-idle-timeout\)$`

func Client() *http.Client { return &http.Client{Transport: transport} }
