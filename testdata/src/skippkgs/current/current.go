// Package current does not match the -skip-pkgs pattern: checked.
package current

import "net/http"

var Transport = &http.Transport{} // want `\(no-idle-timeout\)$`
