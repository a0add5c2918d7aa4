//go:build ignore

package main

import "net/http"

func main() {
	_ = &http.Transport{}
}
