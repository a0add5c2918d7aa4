//go:build linux

package tags

import "net/http"

var Linux = &http.Transport{MaxIdleConns: 1}
