package analyzer

import (
	"fmt"
	"go/ast"
	"go/constant"
	"time"

	"golang.org/x/tools/go/analysis"
)

// Diagnostic categories: the user interface of the rules, documented in
// doc.go and the README.
const (
	categoryNoIdleTimeout       = "no-idle-timeout"
	categoryTooLong             = "idle-timeout-too-long"
	categoryNonPositive         = "idle-timeout-nonpositive"
	categoryKeepAliveDisabled   = "keepalive-disabled"
	categoryDynamic             = "dynamic-idle-timeout"
	categoryIgnoreWithoutReason = "ignore-without-reason"
)

// categories lists every category, for the test that the documentation
// (doc.go, README.md) describes each.
var categories = []string{
	categoryNoIdleTimeout, categoryTooLong, categoryNonPositive, categoryKeepAliveDisabled,
	categoryDynamic, categoryIgnoreWithoutReason,
	categorySQLNoIdleLimit, categorySQLLimitNonPositive, categorySQLLimitTooLong,
	categoryMalformedIgnore, categoryUnusedIgnore,
}

// A finding is a verdict that must be reported, with the value it is about
// (nil for an unset field) and, where one is known, the dialer that leaves
// the flow without TCP keepalive.
type finding struct {
	pool     *pool
	category string
	node     ast.Node // where to report
	value    *value   // the offending value, nil when the field is unset
	field    string   // the dynamic field, for categoryDynamic
	dialer   *dialerKeepAlive
	related  []analysis.RelatedInformation
}

// judge decides whether pool p can keep an idle connection past the limit.
// A pool is safe when it keeps no idle connection (DisableKeepAlives,
// negative MaxIdleConnsPerHost), when an HTTP/2 health check pings an idle
// connection before the limit (ReadIdleTimeout), or when every value its
// IdleConnTimeout may hold is in (0, limit). Values that cannot be resolved
// make it dynamic: reported only in strict mode.
func (j *judge) judge(p *pool) []finding {
	if j.ix.closedOnReturn(p.obj, "CloseIdleConnections") {
		return nil // its pool dies with the call that built it
	}
	if p.kind == httpTransport {
		disable := j.settings.field(p, "DisableKeepAlives")
		if disable.all(value.isTrue) {
			return nil
		}
		if v, ok := disable.dynamic(); ok {
			return j.dynamic(p, v, "DisableKeepAlives")
		}
		if j.settings.field(p, "MaxIdleConnsPerHost").all(isNegative) {
			return nil
		}
	}
	if p.kind == http2Transport {
		readIdle := j.settings.field(p, "ReadIdleTimeout")
		if readIdle.all(j.belowLimit) {
			return nil
		}
		if v, ok := readIdle.dynamic(); ok {
			return j.dynamic(p, v, "ReadIdleTimeout")
		}
	}
	idle := j.settings.field(p, "IdleConnTimeout")
	if idle.unset() {
		if !idle.known || p.origin == fromPool {
			return nil // unknown origin, or reported at the pool it clones
		}
		f := finding{pool: p, category: categoryNoIdleTimeout, node: p.node}
		if d := j.dialerOf(p); d != nil && d.off {
			f.category, f.dialer = categoryKeepAliveDisabled, d
			f.related = append(f.related, analysis.RelatedInformation{Pos: d.node.Pos(), End: d.node.End(), Message: "the dialer: " + d.why})
		}
		return []finding{f}
	}
	var fs []finding
	for _, v := range idle.values {
		if !v.known() {
			fs = append(fs, j.dynamic(p, v, "IdleConnTimeout")...)
			continue
		}
		d := v.duration()
		if d > 0 && d < j.cfg.MaxIdle {
			continue
		}
		f := finding{pool: p, category: categoryTooLong, node: v.node, value: &v}
		if d <= 0 {
			f.category = categoryNonPositive
		}
		if !v.inLit && p.node != v.node {
			f.related = append(f.related, analysis.RelatedInformation{Pos: p.node.Pos(), End: p.node.End(), Message: "the transport"})
		}
		fs = append(fs, f)
	}
	return fs
}

// dynamic reports, in strict mode only, a pool whose field holds a value
// that cannot be resolved.
func (j *judge) dynamic(p *pool, v value, field string) []finding {
	if !j.cfg.Strict {
		return nil
	}
	return []finding{{pool: p, category: categoryDynamic, node: v.node, value: &v, field: field}}
}

func (j *judge) belowLimit(v value) bool {
	d := v.duration()
	return d > 0 && d < j.cfg.MaxIdle
}

func isNegative(v value) bool {
	return constant.Sign(v.c) < 0
}

// message is the one-line text of a finding: what is wrong, what happens
// at run time, what to do.
func (j *judge) message(f finding) string {
	limit := seconds(j.cfg.MaxIdle)
	fix := fmt.Sprintf("set IdleConnTimeout below %s (e.g. %s)", limit, durationExpr(j.cfg.EffectiveFixIdle(), "time"))
	typ := f.pool.kind.String()
	if f.pool.kind == http2Transport {
		fix += " or ReadIdleTimeout below it (health-check pings)"
	}
	// What breaks, said once: a reused connection the far side dropped
	// fails, and net/http replays only idempotent requests.
	const fails = "the first request after a quiet period can fail with connection reset, and net/http retries only idempotent requests, so a POST fails"
	switch f.category {
	case categoryNoIdleTimeout:
		return fmt.Sprintf("%s has no IdleConnTimeout, so idle connections are kept forever: once a load balancer, NAT or the server drops an idle connection (limit %s), %s; %s",
			typ, limit, fails, fix)
	case categoryKeepAliveDisabled:
		return fmt.Sprintf("%s has no IdleConnTimeout and its dialer %s, so nothing keeps an idle connection's NAT mapping alive: a NAT (limit %s) drops the idle flow and answers the next request with a reset, and net/http retries only idempotent requests, so a POST fails; %s",
			typ, f.dialer.why, limit, fix)
	case categoryTooLong:
		return fmt.Sprintf("%s IdleConnTimeout is %s, not below the %s limit: idle connections outlive a load balancer or NAT that drops the flow, so %s; %s",
			typ, seconds(f.value.duration()), limit, fails, fix)
	case categoryNonPositive:
		return fmt.Sprintf("%s IdleConnTimeout is %s, which means no limit: idle connections are kept forever, so once a load balancer, NAT or the server drops one (limit %s), %s; %s",
			typ, seconds(f.value.duration()), limit, fails, fix)
	case categoryDynamic:
		return fmt.Sprintf("%s %s comes from a value keepalivelint cannot resolve (-strict): if idle connections can be kept %s or longer, %s; make sure IdleConnTimeout stays between 0 and %s",
			typ, f.field, limit, fails, limit)
	}
	return ""
}

// seconds formats d as Go would, except that a whole number of seconds is
// written in seconds (350s, not 5m50s): vendors document limits that way.
func seconds(d time.Duration) string {
	if d%time.Second == 0 {
		return fmt.Sprintf("%ds", d/time.Second)
	}
	return d.String()
}

// A judge holds what judging needs across the package's pools.
type judge struct {
	cfg      *Config
	ix       *index
	settings *settingsOf
	fx       *fixer
}
