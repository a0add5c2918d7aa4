// Package wrapper stands for a third-party client library that takes a
// RoundTripper.
package wrapper

import "net/http"

type Client struct {
	RT http.RoundTripper
}
