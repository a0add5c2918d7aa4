// Package nofix holds findings for which no edit is obviously right: they
// are reported without a suggested fix.
package nofix

import (
	"database/sql"
	"net/http"
	"time"

	"google.golang.org/grpc"
)

// A local named time would hide the import.
func shadowed(time int) (*http.Transport, int) {
	return &http.Transport{}, time // want `has no IdleConnTimeout`
}

// viaVariable resolves through a variable: replacing the variable is a
// design change.
func viaVariable() *http.Transport {
	d := 60 * timeHour
	return &http.Transport{IdleConnTimeout: d} // want `IdleConnTimeout is 3600s`
}

const timeHour = time.Minute

// zeroVar: the zero value of a variable has no literal to extend.
func zeroVar() *http.Client {
	var t http.Transport // want `has no IdleConnTimeout`
	return &http.Client{Transport: &t}
}

// spread: options spread from a slice get no fix; where to add the option
// is the slice's business.
func spread(addr string) (*grpc.ClientConn, error) {
	opts := []grpc.DialOption{grpc.WithBlock()}
	return grpc.NewClient(addr, opts...) // want `keeps idle connections`
}

// oneLineFunc: the statement that stores the pool ends on the line of the
// function's closing brace; there is no line inside the block for the
// setter call.
func oneLineFunc(dsn string) { db, _ := sql.Open("postgres", dsn); go use(db) } // want `has no SetConnMaxIdleTime`

func use(*sql.DB) {}
