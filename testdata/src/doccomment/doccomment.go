// Package doccomment shows a transport in documentation only:
//
//	c := &http.Client{Transport: &http.Transport{}}
//
// which is not code and must not be reported.
package doccomment

import (
	"net/http"
	"time"
)

/*
	t := &http.Transport{}
*/

// New returns a client; see the package comment.
func New() *http.Client {
	s := "&http.Transport{}"
	_ = s
	return &http.Client{Transport: &http.Transport{IdleConnTimeout: 30 * time.Second}}
}
