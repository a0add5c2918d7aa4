package testsupport

import (
	"database/sql"
	"net/http"
	"testing"
)

// MockTransport is a mock next to production code, recognised by its
// testing import: quiet by default, and so are its writes.
func MockTransport(t testing.TB) *http.Transport {
	t.Helper()
	tr := &http.Transport{}
	Client.Transport.(*http.Transport).IdleConnTimeout = 0
	return tr
}

func MockDB(t testing.TB) *sql.DB {
	db, _ := sql.Open("postgres", "mock")
	return db
}
