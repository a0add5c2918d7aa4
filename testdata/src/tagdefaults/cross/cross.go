// Package cross reads the envconfig struct of another package and loads
// it itself: the loader is imported here, so its tags count.
package cross

import (
	"net/http"

	ec "github.com/kelseyhightower/envconfig"

	"tagdefaults/envconfig"
)

func Client() (*http.Client, error) {
	var c envconfig.Config
	if err := ec.Process("svc", &c); err != nil {
		return nil, err
	}
	return &http.Client{Transport: &http.Transport{IdleConnTimeout: c.WebhookIdle}}, nil // want `IdleConnTimeout is 15m by default \(envconfig default of Config.WebhookIdle\)`
}
