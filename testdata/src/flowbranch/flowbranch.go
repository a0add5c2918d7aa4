package flowbranch // want package:"pools"

// Package flowbranch: a write of a knob in the function that builds the
// pool makes it safe only if it holds on every path; a write on some
// paths leaves the literal's value (or the default) on the others.

import (
	"log"
	"net/http"
	"time"
)

type client struct {
	hc *http.Client
}

// Positive: the timeout is set only when tls is true; the other path ships
// a transport that keeps idle connections forever.
func oneBranch(tls bool) *http.Client {
	t := &http.Transport{MaxIdleConns: 10} // want `http.Transport has no IdleConnTimeout on some paths: idle connections are kept forever, past the 350s limit; set IdleConnTimeout below it \(e.g. 90 \* time.Second\)`
	if tls {
		t.IdleConnTimeout = 30 * time.Second
	}
	return &http.Client{Transport: t}
}

// Negative: both branches write a value below the limit.
func bothBranches(tls bool) *http.Client {
	t := &http.Transport{}
	if tls {
		t.IdleConnTimeout = 30 * time.Second
	} else {
		t.IdleConnTimeout = 60 * time.Second
	}
	return &http.Client{Transport: t}
}

// Positive: a switch without default skips every case.
func switchNoDefault(mode string) *http.Client {
	t := &http.Transport{} // want `has no IdleConnTimeout on some paths`
	switch mode {
	case "fast":
		t.IdleConnTimeout = 10 * time.Second
	case "slow":
		t.IdleConnTimeout = 2 * time.Minute
	}
	return &http.Client{Transport: t}
}

// Negative: every case, default included, writes it.
func switchDefault(mode string) *http.Client {
	t := &http.Transport{}
	switch mode {
	case "fast":
		t.IdleConnTimeout = 10 * time.Second
	default:
		t.IdleConnTimeout = 2 * time.Minute
	}
	return &http.Client{Transport: t}
}

// Negative: the literal's value holds on the path that skips the branch,
// and the branch's value is below the limit too.
func literalThenBranch(fast bool) *http.Client {
	t := &http.Transport{IdleConnTimeout: 90 * time.Second}
	if fast {
		t.IdleConnTimeout = 10 * time.Second
	}
	return &http.Client{Transport: t}
}

// Positive: the literal's value holds on the path that skips the branch,
// and it is too long.
func literalTooLongThenBranch(fast bool) *http.Client {
	t := &http.Transport{IdleConnTimeout: time.Hour} // want `IdleConnTimeout is 3600s, not below the 350s limit`
	if fast {
		t.IdleConnTimeout = 10 * time.Second
	}
	return &http.Client{Transport: t}
}

// Negative: the clone starts at http.DefaultTransport's 90s, which holds
// on the path that skips the branch.
func cloneThenBranch(fast bool) *http.Client {
	t := http.DefaultTransport.(*http.Transport).Clone()
	if fast {
		t.IdleConnTimeout = 10 * time.Second
	}
	return &http.Client{Transport: t}
}

// Negative: the path that skips the write ends in log.Fatal or panic.
func fatalOtherwise(tls, ok bool) *http.Client {
	t := &http.Transport{}
	if !tls {
		log.Fatal("tls required")
	}
	if !ok {
		panic("not ok")
	}
	t.IdleConnTimeout = 30 * time.Second
	return &http.Client{Transport: t}
}

// Positive: a loop may run no iteration.
func inLoop(hosts []string) *http.Client {
	t := &http.Transport{} // want `has no IdleConnTimeout on some paths`
	for range hosts {
		t.IdleConnTimeout = 30 * time.Second
	}
	return &http.Client{Transport: t}
}

// Positive: a transport built in a loop and kept, its timeout set for the
// first one only.
func builtInLoop(hosts []string) []*client {
	var cs []*client
	for i := range hosts {
		t := &http.Transport{} // want `has no IdleConnTimeout on some paths`
		if i == 0 {
			t.IdleConnTimeout = 30 * time.Second
		}
		cs = append(cs, &client{hc: &http.Client{Transport: t}})
	}
	return cs
}

// Negative: a transport built in a loop, its timeout set on every
// iteration before it is kept.
func builtInLoopSet(hosts []string) []*client {
	var cs []*client
	for range hosts {
		t := &http.Transport{}
		t.IdleConnTimeout = 30 * time.Second
		cs = append(cs, &client{hc: &http.Client{Transport: t}})
	}
	return cs
}

// Negative: DisableKeepAlives on every path.
func disabledBothBranches(tls bool) *http.Client {
	t := &http.Transport{}
	if tls {
		t.DisableKeepAlives = true
	} else {
		t.DisableKeepAlives = true
	}
	return &http.Client{Transport: t}
}

// Positive: DisableKeepAlives on one path only.
func disabledOneBranch(tls bool) *http.Client {
	t := &http.Transport{} // want `has no IdleConnTimeout:`
	if tls {
		t.DisableKeepAlives = true
	}
	return &http.Client{Transport: t}
}

// Negative: the timeout on one branch, keep-alives off on the other.
func disabledOrBounded(tls bool) *http.Client {
	t := &http.Transport{}
	if tls {
		t.IdleConnTimeout = 30 * time.Second
	} else {
		t.DisableKeepAlives = true
	}
	return &http.Client{Transport: t}
}

// Negative: a configurer method of the package counts as set on every
// path, as before (writes in other functions are not followed by path).
type svc struct{ tr *http.Transport }

func newSvc(fast bool) *svc {
	s := &svc{tr: &http.Transport{}}
	if fast {
		s.configure()
	}
	return s
}

func (s *svc) configure() { s.tr.IdleConnTimeout = 30 * time.Second }

func setIdle(t *http.Transport) { t.IdleConnTimeout = 30 * time.Second } // want setIdle:`pool\(param 0: IdleConnTimeout=30000000000\)`

// Positive: the transport is handed to the function that sets the
// timeout on one branch only.
func handedOnOneBranch(tls bool) *http.Client {
	t := &http.Transport{} // want `has no IdleConnTimeout on some paths`
	if tls {
		setIdle(t)
	}
	return &http.Client{Transport: t}
}

// Negative: handed on every path.
func handedAlways() *http.Client {
	t := &http.Transport{}
	setIdle(t)
	return &http.Client{Transport: t}
}

type keepAlive struct{ idle time.Duration }

type upstream struct {
	KeepAlive *keepAlive
	tr        *http.Transport
}

// Negative (caddy's reverse proxy): the nil check cannot fail, the
// function gave KeepAlive a value on every path before it.
func (u *upstream) provision() {
	if u.KeepAlive == nil {
		u.KeepAlive = &keepAlive{idle: 2 * time.Minute}
	}
	t := &http.Transport{}
	if u.KeepAlive != nil {
		t.IdleConnTimeout = u.KeepAlive.idle
	}
	u.tr = t
}

// Positive: without the default, a nil KeepAlive leaves the timeout unset.
func (u *upstream) provisionNoDefault() {
	t := &http.Transport{} // want `has no IdleConnTimeout on some paths`
	if u.KeepAlive != nil {
		t.IdleConnTimeout = u.KeepAlive.idle
	}
	u.tr = t
}
