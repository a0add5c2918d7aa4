package analyzer

import (
	"go/token"
	"math"
)

// An interval is what guards say about an integer value that is not a
// constant: it lies in [lo, hi] and, with nonZero, is not 0. probes are the
// points a predicate of the judge is tested on (see value.holds).
type interval struct {
	lo, hi  int64
	nonZero bool
	probes  []int64
}

var anyInt = interval{lo: math.MinInt64, hi: math.MaxInt64}

func (r interval) full() bool { return r.lo == math.MinInt64 && r.hi == math.MaxInt64 && !r.nonZero }

func (r interval) empty() bool { return r.lo > r.hi || (r.lo == 0 && r.hi == 0 && r.nonZero) }

func (r interval) contains(x int64) bool {
	return r.lo <= x && x <= r.hi && !(x == 0 && r.nonZero)
}

// meet is the intersection of r and o.
func (r interval) meet(o interval) interval {
	return interval{lo: max(r.lo, o.lo), hi: min(r.hi, o.hi), nonZero: r.nonZero || o.nonZero}
}

// constrain returns r with x op c assumed.
func (r interval) constrain(op token.Token, c int64) interval {
	switch op {
	case token.GTR:
		if c < math.MaxInt64 {
			r.lo = max(r.lo, c+1)
		}
	case token.GEQ:
		r.lo = max(r.lo, c)
	case token.LSS:
		if c > math.MinInt64 {
			r.hi = min(r.hi, c-1)
		}
	case token.LEQ:
		r.hi = min(r.hi, c)
	case token.EQL:
		r.lo, r.hi = max(r.lo, c), min(r.hi, c)
	case token.NEQ:
		switch c {
		case 0:
			r.nonZero = true
		case r.lo:
			r.lo++
		case r.hi:
			r.hi--
		}
	}
	return r
}

// scale returns the interval of x*k for x in r, saturated at the int64
// bounds.
func (r interval) scale(k int64) interval {
	if k == 1 {
		return r
	}
	lo, hi := satMul(r.lo, k), satMul(r.hi, k)
	if k < 0 {
		lo, hi = hi, lo
	}
	return interval{lo: lo, hi: hi, nonZero: r.nonZero}
}

func satMul(a, k int64) int64 {
	switch {
	case a == 0 || k == 0:
		return 0
	case a == math.MinInt64 || a == math.MaxInt64:
		if (a > 0) == (k > 0) {
			return math.MaxInt64
		}
		return math.MinInt64
	}
	p := a * k
	if p/k != a {
		if (a > 0) == (k > 0) {
			return math.MaxInt64
		}
		return math.MinInt64
	}
	return p
}

// withProbes returns r with the points the judge's predicates are tested
// on: its ends, and the points inside it where a predicate can change
// (-1|0, 0|1 for signs; limit-1|limit for the limit). Every predicate of
// the judge (<= 0, < 0, in (0, L)) is constant between them.
func (r interval) withProbes(limit int64) interval {
	r.probes = nil
	for _, x := range []int64{r.lo, r.hi, -1, 0, 1, limit - 1, limit} {
		if r.contains(x) {
			r.probes = append(r.probes, x)
		}
	}
	return r
}
