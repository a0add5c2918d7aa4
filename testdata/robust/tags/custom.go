//go:build customtag

package tags

import "net/http"

var Custom = &http.Transport{MaxIdleConns: 3}
