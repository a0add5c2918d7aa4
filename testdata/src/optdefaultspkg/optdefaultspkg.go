// Package optdefaultspkg reads options declared in another package
// (optconf): their defaults are that package's business. Without facts
// about them the values are dynamic, as before.
package optdefaultspkg

import (
	"net/http"

	"optconf"
)

func fromOtherPackage(o *optconf.Options) *http.Transport {
	return &http.Transport{IdleConnTimeout: o.Idle}
}

func fromOtherPackageDefaulted(o *optconf.WithDefault) *http.Transport {
	return &http.Transport{IdleConnTimeout: o.Idle}
}
