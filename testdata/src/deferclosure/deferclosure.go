// Package deferclosure holds pools closed in a deferred closure, the
// common way to drop or log Close's error: the closure runs on return as
// surely as defer conn.Close(), for every kind through its closer. Found on
// a gRPC health check that dials, checks once and closes.
package deferclosure

import (
	"context"
	"database/sql"
	"log"
	"net/http"

	"google.golang.org/grpc"
)

// healthCheck dials, checks once and drops Close's error: quiet.
func healthCheck(ctx context.Context, target string) error {
	conn, err := grpc.NewClient(target)
	if err != nil {
		return err
	}
	defer func() { _ = conn.Close() }()
	return conn.Invoke(ctx, "/grpc.health.v1.Health/Check", nil, nil)
}

// loggedClose checks Close's error and logs it: quiet.
func loggedClose(dsn string) error {
	db, err := sql.Open("postgres", dsn)
	if err != nil {
		return err
	}
	defer func() {
		if err := db.Close(); err != nil {
			log.Printf("close: %v", err)
		}
	}()
	_, err = db.Exec("SELECT 1")
	return err
}

// loggedInline logs Close's error as an argument: quiet.
func loggedInline(dsn string) error {
	db, err := sql.Open("postgres", dsn)
	if err != nil {
		return err
	}
	defer func() { log.Println(db.Close()) }()
	return db.Ping()
}

// transportOnce closes the transport's idle connections in a closure: quiet.
func transportOnce(req *http.Request) error {
	t := &http.Transport{}
	defer func() {
		t.CloseIdleConnections()
		log.Print("done")
	}()
	_, err := t.RoundTrip(req)
	return err
}

// closedButReturned closes in a closure but returns the pool: reported.
func closedButReturned(target string) (*grpc.ClientConn, error) {
	conn, err := grpc.NewClient(target) // want `\(grpc-no-idle-timeout\)$`
	if err != nil {
		return nil, err
	}
	defer func() { _ = conn.Close() }()
	return conn, nil
}

// closesAnother closes a different pool in its closure: reported.
func closesAnother(dsn string, other *sql.DB) {
	db, _ := sql.Open("postgres", dsn) // want `\(sql-no-idle-limit\)$`
	defer func() { _ = other.Close() }()
	_ = db.Ping()
}

// closureNotDeferred defines a closure that closes but never runs it on
// return: the pool is still open when the function returns. Reported.
func closureNotDeferred(dsn string) func() {
	db, _ := sql.Open("postgres", dsn) // want `\(sql-no-idle-limit\)$`
	_ = db.Ping()
	return func() { _ = db.Close() }
}

// closedInGoroutine closes from a goroutine that may outlive the call:
// reported.
func closedInGoroutine(target string) {
	conn, _ := grpc.NewClient(target) // want `\(grpc-no-idle-timeout\)$`
	defer func() {
		go func() { _ = conn.Close() }()
	}()
	_ = conn.Invoke(context.Background(), "/m", nil, nil)
}
