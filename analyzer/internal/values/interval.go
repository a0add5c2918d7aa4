package values

import (
	"go/token"
	"math"
)

// An Interval is what guards say about an integer value that is not a
// constant: it lies in [lo, hi] and, with nonZero, is not 0. probes are the
// points a predicate of the judge is tested on (see value.holds).
type Interval struct {
	Lo, Hi  int64
	nonZero bool
	probes  []int64
}

var AnyInt = Interval{Lo: math.MinInt64, Hi: math.MaxInt64}

func (r Interval) Full() bool { return r.Lo == math.MinInt64 && r.Hi == math.MaxInt64 && !r.nonZero }

func (r Interval) Empty() bool { return r.Lo > r.Hi || (r.Lo == 0 && r.Hi == 0 && r.nonZero) }

// Contains reports whether x lies in r.
func (r Interval) Contains(x int64) bool { return r.contains(x) }

func (r Interval) contains(x int64) bool {
	return r.Lo <= x && x <= r.Hi && !(x == 0 && r.nonZero)
}

// Meet is the intersection of r and o.
func (r Interval) Meet(o Interval) Interval {
	return Interval{Lo: max(r.Lo, o.Lo), Hi: min(r.Hi, o.Hi), nonZero: r.nonZero || o.nonZero}
}

// Constrain returns r with x op c assumed.
func (r Interval) Constrain(op token.Token, c int64) Interval {
	switch op {
	case token.GTR:
		if c < math.MaxInt64 {
			r.Lo = max(r.Lo, c+1)
		}
	case token.GEQ:
		r.Lo = max(r.Lo, c)
	case token.LSS:
		if c > math.MinInt64 {
			r.Hi = min(r.Hi, c-1)
		}
	case token.LEQ:
		r.Hi = min(r.Hi, c)
	case token.EQL:
		r.Lo, r.Hi = max(r.Lo, c), min(r.Hi, c)
	case token.NEQ:
		switch c {
		case 0:
			r.nonZero = true
		case r.Lo:
			r.Lo++
		case r.Hi:
			r.Hi--
		}
	}
	return r
}

// Scale returns the interval of x*k for x in r, saturated at the int64
// bounds.
func (r Interval) Scale(k int64) Interval {
	if k == 1 {
		return r
	}
	lo, hi := satMul(r.Lo, k), satMul(r.Hi, k)
	if k < 0 {
		lo, hi = hi, lo
	}
	return Interval{Lo: lo, Hi: hi, nonZero: r.nonZero}
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

// WithProbes returns r with the points the judge's predicates are tested
// on: its ends, and the points inside it where a predicate can change
// (-1|0, 0|1 for signs; limit-1|limit for the limit). Every predicate of
// the judge (<= 0, < 0, in (0, L)) is constant between them.
func (r Interval) WithProbes(limit int64) Interval {
	r.probes = nil
	for _, x := range []int64{r.Lo, r.Hi, -1, 0, 1, limit - 1, limit} {
		if r.contains(x) {
			r.probes = append(r.probes, x)
		}
	}
	return r
}
