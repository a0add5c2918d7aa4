// Package crossnoimport reads the envconfig struct of another package
// without importing the loader: its defaults are that package's
// business (dynamic, as before).
package crossnoimport

import (
	"net/http"

	"tagdefaults/envconfig"
)

func Client(c *envconfig.Config) *http.Client {
	return &http.Client{Transport: &http.Transport{IdleConnTimeout: c.WebhookIdle}}
}
