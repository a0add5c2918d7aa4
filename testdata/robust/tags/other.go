//go:build !linux

package tags

import "net/http"

var Other = &http.Transport{MaxIdleConns: 2}
