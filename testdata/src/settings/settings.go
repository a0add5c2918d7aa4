package settings

import (
	"net/http"
	"time"
)

const idle = 90 * time.Second

const long = 30 * time.Minute

type config struct {
	IdleTimeout *time.Duration
	Idle        time.Duration
}

func namedConstant() *http.Transport {
	return &http.Transport{IdleConnTimeout: idle}
}

func namedConstantTooLong() *http.Transport {
	return &http.Transport{IdleConnTimeout: long} // want `IdleConnTimeout is 1800s`
}

func conversion() *http.Transport {
	const n = 45
	return &http.Transport{IdleConnTimeout: time.Duration(n) * time.Second}
}

func conversionTooLong() *http.Transport {
	const n = 3600
	return &http.Transport{IdleConnTimeout: time.Duration(n) * time.Second} // want `IdleConnTimeout is 3600s`
}

func localVariable() *http.Transport {
	d := 20 * time.Minute
	return &http.Transport{IdleConnTimeout: d} // want `IdleConnTimeout is 1200s`
}

func localVariableReassigned(fast bool) *http.Transport {
	d := 20 * time.Minute
	if fast {
		d = time.Second
	}
	return &http.Transport{IdleConnTimeout: d}
}

// parameter: a value the analyzer cannot resolve is not a finding.
func parameter(d time.Duration) *http.Transport {
	return &http.Transport{IdleConnTimeout: d}
}

// configField: config.Idle is never given a value in this package, so it
// is 0 (no limit) unless every caller sets it (option-default-unlimited;
// optdefaults has the cases with a default).
func configField(c config) *http.Transport {
	return &http.Transport{IdleConnTimeout: c.Idle} // want `config.Idle feeds IdleConnTimeout and defaults to 0, which means no limit; set a default below 350s where config is built`
}

var pkgVar = 10 * time.Minute

func SetIdle(d time.Duration) { pkgVar = d }

func packageVariable() *http.Transport {
	return &http.Transport{IdleConnTimeout: pkgVar}
}

// alwaysAssigned: the literal lacks the field, and the function assigns it
// later inside a branch on a defaulted config; a caller's config with a
// nil IdleTimeout skips the branch, so the transport is unset on that
// path (flowbranch has the other branch cases).
func alwaysAssigned(cfg *config) *http.Transport {
	if cfg == nil {
		d := 90 * time.Second
		cfg = &config{IdleTimeout: &d}
	}
	t := &http.Transport{} // want `http.Transport has no IdleConnTimeout on some paths`
	if cfg.IdleTimeout != nil {
		t.IdleConnTimeout = *cfg.IdleTimeout
	}
	return t
}

// anyBranch: an assignment on both branches sets the field on every path;
// each value is judged.
func anyBranch(slow bool) *http.Transport {
	t := &http.Transport{}
	if slow {
		t.IdleConnTimeout = 2 * time.Minute
	} else {
		t.IdleConnTimeout = 30 * time.Second
	}
	return t
}

func anyBranchOneBad(slow bool) *http.Transport {
	t := &http.Transport{}
	if slow {
		t.IdleConnTimeout = time.Hour // want `IdleConnTimeout is 3600s`
	} else {
		t.IdleConnTimeout = 30 * time.Second
	}
	return t
}

func inClosure() *http.Transport {
	t := &http.Transport{}
	func() {
		t.IdleConnTimeout = 30 * time.Second
	}()
	return t
}

// flagBound: the field's address is handed to code that sets it.
func flagBound(set func(*time.Duration)) *http.Transport {
	t := &http.Transport{}
	set(&t.IdleConnTimeout)
	return t
}

func literalOverridden() *http.Transport {
	t := &http.Transport{IdleConnTimeout: 0}
	t.IdleConnTimeout = 30 * time.Second
	return t
}

func disableDynamic(off bool) *http.Transport {
	return &http.Transport{DisableKeepAlives: off}
}

func disableFalse() *http.Transport {
	return &http.Transport{DisableKeepAlives: false} // want `http.Transport has no IdleConnTimeout`
}

func perHostPositive() *http.Transport {
	return &http.Transport{MaxIdleConnsPerHost: 100} // want `http.Transport has no IdleConnTimeout`
}

func perHostDynamic(n int) *http.Transport {
	// A configured pool size is assumed to be a size, not -1: reported.
	return &http.Transport{MaxIdleConnsPerHost: n} // want `http.Transport has no IdleConnTimeout`
}

var defaultTransport = http.DefaultTransport.(*http.Transport)

// fromDefault copies the idle timeout of http.DefaultTransport (90s), as
// k8s.io/apimachinery's SetOldTransportDefaults does: resolved, safe.
func fromDefault() *http.Transport {
	return &http.Transport{IdleConnTimeout: defaultTransport.IdleConnTimeout}
}

// fromDefaultOther copies another field: not a bound, still unset.
func fromDefaultOther() *http.Transport {
	return &http.Transport{TLSHandshakeTimeout: defaultTransport.TLSHandshakeTimeout} // want `http.Transport has no IdleConnTimeout`
}

// clampedParam: a parameter reassigned once still holds what callers pass
// on the other path; it is not the constant of that one write.
func clampedParam(d time.Duration) *http.Transport {
	if d < 0 {
		d = 0
	}
	return &http.Transport{IdleConnTimeout: d}
}
