package cgo

/*
static int answer(void) { return 42; }
*/
import "C"

import "net/http"

func Answer() int { return int(C.answer()) }

func New() *http.Transport {
	return &http.Transport{MaxIdleConns: int(C.answer())}
}
