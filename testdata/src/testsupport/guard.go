package testsupport

import (
	"net/http"
	"testing"
	"time"
)

// A production file that imports testing only to ask testing.Testing()
// whether it runs in a test binary is production code.
func newClient() *http.Client {
	idle := 90 * time.Second
	if testing.Testing() {
		idle = time.Second
	}
	_ = idle
	return &http.Client{Transport: &http.Transport{}} // want `\(no-idle-timeout\)$`
}
