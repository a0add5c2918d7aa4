package noimport

import (
	"fmt"
	"net/http"
	"os"

	"wrapper"
)

func missingTime() *http.Transport {
	fmt.Fprintln(os.Stderr, "building")
	return &http.Transport{} // want `has no IdleConnTimeout`
}

func second() *wrapper.Client {
	return &wrapper.Client{RT: &http.Transport{MaxIdleConns: 2}} // want `has no IdleConnTimeout`
}
