package analyzer

import (
	"flag"
	"fmt"
	"regexp"
	"sort"
	"strings"
	"time"

	"github.com/keepalivelint/keepalivelint/analyzer/internal/kinds"
	"github.com/keepalivelint/keepalivelint/analyzer/internal/values"
)

// DefaultMaxIdle is the idle limit used when none is configured: the AWS
// NAT Gateway's idle timeout, the middlebox of the incident that motivated
// this analyzer.
const DefaultMaxIdle = 350 * time.Second

// DefaultFixIdle is the IdleConnTimeout that suggested fixes insert, when it
// is below half of the limit (http.DefaultTransport uses the same value).
const DefaultFixIdle = 90 * time.Second

// TestHelperNames are the names of test-helper packages: a package with
// one of them as an element of its import path, or as a part of an element
// separated by - or _ (e2e-tests, test_utils), is test code, kept quiet
// unless ReportTests. A name that merely ends in test (latest, attest,
// pingtest) is production code.
var TestHelperNames = []string{"test", "tests", "testing", "testutil", "testutils", "testhelper", "testhelpers", "e2e"}

// TestSupportImports are the imports that make a non-test file test
// support (a fake server and the client that talks to it, a mock next to
// production code): such a file is kept quiet unless ReportTests. A file
// that uses no more of testing than testing.Testing() is not.
var TestSupportImports = []string{"testing", "net/http/httptest"}

// TestFrameworkImports are test frameworks: a non-test file that imports
// one of these packages, or a package under one of them, is test support
// as one importing testing is (a suite that dials its test server, a mock
// next to production code), kept quiet unless ReportTests.
var TestFrameworkImports = []string{
	"github.com/stretchr/testify", // assert, require, suite, mock
	"go.uber.org/mock/gomock",
	"github.com/golang/mock/gomock",
	"github.com/onsi/ginkgo", // and ginkgo/v2
	"github.com/onsi/gomega",
	"gotest.tools", // and gotest.tools/v3
	"github.com/frankban/quicktest",
}

// A Preset names the idle timeout of a middlebox commonly found between a Go
// client and its server. docs/configuration.md cites the vendor documentation
// of each.
type Preset struct {
	Name    string
	Limit   time.Duration
	Comment string
	// DataOnly: TCP keepalive probes do not reset the idle timer.
	DataOnly bool
}

// Presets lists the middleboxes that -max-idle accepts by name.
var Presets = []Preset{
	{"aws-nat", 350 * time.Second, "AWS NAT Gateway: drops a flow idle for 350s, then answers with RST", false},
	{"aws-nlb", 350 * time.Second, "AWS Network Load Balancer, default TCP idle timeout", false},
	{"aws-gwlb", 350 * time.Second, "AWS Gateway Load Balancer, default idle timeout", false},
	{"aws-alb", 60 * time.Second, "AWS Application Load Balancer, default idle timeout; it closes idle connections itself", true},
	{"aws-clb", 60 * time.Second, "AWS Classic Load Balancer, default idle timeout; TCP keepalive probes do not reset it", true},
	{"azure-lb", 240 * time.Second, "Azure Load Balancer, default TCP idle timeout (4 min)", false},
	{"azure-nat", 240 * time.Second, "Azure NAT Gateway, default TCP idle timeout (4 min)", false},
	{"azure-firewall", 240 * time.Second, "Azure Firewall, TCP idle timeout (4 min)", false},
	{"gcp-nat", 1200 * time.Second, "Google Cloud NAT, default established-TCP idle timeout", false},
	{"gcp-alb", 610 * time.Second, "Google Cloud external Application Load Balancer, default client HTTP keepalive timeout", true},
}

// ParseLimit parses a -max-idle value: a preset name or a positive duration.
func ParseLimit(s string) (time.Duration, error) {
	d, ok := presetOrDuration(s, Presets)
	if !ok {
		return 0, fmt.Errorf("invalid idle limit %q: want a positive duration such as 350s or a preset (%s)", s, presetNames())
	}
	return d, nil
}

// presetOrDuration returns the limit of the preset named s (in any case),
// or s parsed as a positive duration; ok is false for anything else.
func presetOrDuration(s string, presets []Preset) (time.Duration, bool) {
	for _, p := range presets {
		if strings.EqualFold(s, p.Name) {
			return p.Limit, true
		}
	}
	d, err := time.ParseDuration(s)
	return d, err == nil && d > 0
}

// ParseFixIdle parses a -fix-idle value: a positive duration.
func ParseFixIdle(s string) (time.Duration, error) {
	d, err := time.ParseDuration(s)
	if err != nil || d <= 0 {
		return 0, fmt.Errorf("invalid fix idle timeout %q: want a positive duration such as 90s", s)
	}
	return d, nil
}

// DefaultBalancerIdle is the idle timeout assumed for the load balancer
// in front of HTTP servers: an AWS Application Load Balancer's default.
const DefaultBalancerIdle = 60 * time.Second

// BalancerPresets lists the load balancers and proxies in front of
// servers that -balancer-idle accepts by name: the idle timeout of the
// connections each pools to the servers behind it. docs/configuration.md
// cites the vendor documentation of each.
var BalancerPresets = []Preset{
	{"aws-alb", 60 * time.Second, "AWS Application Load Balancer, default connection idle timeout (1 to 4000s)", false},
	{"aws-clb", 60 * time.Second, "AWS Classic Load Balancer, default idle timeout", false},
	{"nginx", 60 * time.Second, "nginx upstream keepalive_timeout default (with keepalive N and proxy_http_version 1.1)", false},
	{"traefik", 90 * time.Second, "Traefik ServersTransport forwardingTimeouts.idleConnTimeout default", false},
	{"go-reverseproxy", 90 * time.Second, "Go's httputil.ReverseProxy over http.DefaultTransport (IdleConnTimeout 90s)", false},
	{"gcp-alb", 600 * time.Second, "Google Cloud external Application Load Balancer, backend keepalive timeout (fixed)", false},
	{"envoy", time.Hour, "Envoy upstream common_http_protocol_options.idle_timeout default (1h)", false},
	{"istio", time.Hour, "Istio sidecars and gateways are Envoy: upstream idle timeout 1h by default", false},
}

// ParseBalancerIdle parses a -balancer-idle value: a positive duration, a
// preset name, or "off" (0: no balancer pools connections to the servers,
// and the server rule is off).
func ParseBalancerIdle(s string) (time.Duration, error) {
	if strings.EqualFold(s, "off") {
		return 0, nil
	}
	d, ok := presetOrDuration(s, BalancerPresets)
	if !ok {
		return 0, fmt.Errorf("invalid balancer idle timeout %q: want a positive duration such as 60s, a preset (%s) or off", s, balancerPresetNames())
	}
	return d, nil
}

// ServerFixIdle is the IdleTimeout that advice and fixes give a server
// behind a balancer with idle timeout lb: above it with a margin of a
// quarter, rounded up to 15s (75s for 60s, 120s for 90s).
func ServerFixIdle(lb time.Duration) time.Duration {
	const step = 15 * time.Second
	margin := (lb/4 + step - 1) / step * step
	return lb + max(margin, step)
}

func presetNames() string {
	return namesOf(Presets, true)
}

func balancerPresetNames() string {
	return namesOf(BalancerPresets, false)
}

// namesOf lists the presets' names for a message, sorted or in the
// table's order.
func namesOf(presets []Preset, sorted bool) string {
	names := make([]string, len(presets))
	for i, p := range presets {
		names[i] = p.Name
	}
	if sorted {
		sort.Strings(names)
	}
	return strings.Join(names, ", ")
}

// Config holds the analyzer's settings. The zero value is not valid; start
// from DefaultConfig.
type Config struct {
	// MaxIdle is the idle timeout of the middlebox in front of the traffic:
	// a pool whose idle connections may live this long or longer is reported.
	MaxIdle time.Duration
	// FixIdle is the idle timeout that suggested fixes insert. Zero means
	// DefaultFixIdle, or half of MaxIdle when that is smaller.
	FixIdle time.Duration
	// ReportTests also reports in test code: _test.go files, test-support
	// files (TestSupportImports, TestFrameworkImports), unexported
	// functions only test code calls, and test-helper packages
	// (TestHelperNames), which are quiet otherwise.
	ReportTests bool
	// SkipPkgs is a regular expression of import paths to stay quiet in,
	// for a project's own conventions; empty (the default) skips nothing.
	SkipPkgs string
	// Strict also reports settings whose value cannot be resolved, and
	// ignore directives that suppress nothing.
	Strict bool
	// ProbesIgnored says the middlebox's idle timer is reset only by data,
	// not by TCP keepalive probes (an AWS ALB or Classic LB): a dialer's
	// probes then make no pool safe. The -max-idle presets of such
	// middleboxes set it.
	ProbesIgnored bool
	// BalancerIdle is the idle timeout of the load balancer or proxy in
	// front of the package's HTTP servers, which pools connections to
	// them: a server that closes idle connections this soon or sooner is
	// reported. Zero turns the server rule off.
	BalancerIdle time.Duration
	// SkipFactoryDefaults leaves out factory-default-unbounded: an
	// application whose exported factories only it calls (the library's
	// verdict, as its users out of sight call it with no options, is not
	// the application's).
	SkipFactoryDefaults bool

	// The -max-idle and -fix-idle values as the user wrote them, and
	// whether they came from flags: errors echo them (-fix-idle=7m, not
	// fix-idle 7m0s).
	maxIdleText, fixIdleText string
	fromFlags                bool
}

// DefaultConfig returns the settings used when nothing is configured.
func DefaultConfig() Config {
	return Config{MaxIdle: DefaultMaxIdle, BalancerIdle: DefaultBalancerIdle}
}

// EffectiveFixIdle is the idle timeout that suggested fixes insert.
func (c Config) EffectiveFixIdle() time.Duration {
	if c.FixIdle != 0 {
		return c.FixIdle
	}
	return min(DefaultFixIdle, c.MaxIdle/2)
}

// Validate reports settings that cannot work together.
func (c Config) Validate() error {
	if c.MaxIdle <= 0 {
		return fmt.Errorf("%s must be positive, got %v", c.name("max-idle"), c.MaxIdle)
	}
	if c.FixIdle < 0 {
		return fmt.Errorf("%s must be positive, got %v", c.name("fix-idle"), c.FixIdle)
	}
	if fix := c.EffectiveFixIdle(); fix >= c.MaxIdle || fix <= 0 {
		return fmt.Errorf("%s must be below %s: a fix must bring the idle timeout under the limit",
			c.setting("fix-idle", fix, c.fixIdleText), c.setting("max-idle", c.MaxIdle, c.maxIdleText))
	}
	if c.BalancerIdle < 0 {
		return fmt.Errorf("%s must be positive or off, got %v", c.name("balancer-idle"), c.BalancerIdle)
	}
	if _, err := regexp.Compile(c.SkipPkgs); err != nil {
		return fmt.Errorf("%s: invalid regexp: %v", c.name("skip-pkgs"), err)
	}
	return nil
}

// name is how an error names a setting: -max-idle for a flag, max-idle
// for a golangci-lint setting or a Config built in Go.
func (c Config) name(setting string) string {
	if c.fromFlags {
		return "-" + setting
	}
	return setting
}

// setting is how an error shows a setting's value: a flag as the user
// wrote it (-max-idle=aws-alb (60s), -fix-idle=7m) or, when it was not
// set, with its default (-max-idle (350s by default)); a setting of
// golangci-lint or of a Config built in Go in seconds (max-idle 350s).
func (c Config) setting(name string, d time.Duration, text string) string {
	switch {
	case !c.fromFlags:
		return name + " " + values.Seconds(d)
	case text == "":
		return fmt.Sprintf("-%s (%s by default)", name, values.Seconds(d))
	}
	s := "-" + name + "=" + text
	if parsed, err := time.ParseDuration(text); err != nil || parsed != d {
		s += " (" + values.Seconds(d) + ")" // a preset, or 1e3s
	}
	return s
}

// RegisterFlags binds the settings to fs, one flag per field; each flag
// checks its own value when it is set. -tests is the old name of
// -report-tests, kept working: -test is the driver's flag (load test
// files), -report-tests this analyzer's (report in them).
func (c *Config) RegisterFlags(fs *flag.FlagSet) {
	c.fromFlags = true
	fs.Var(limitFlag{&c.MaxIdle, &c.maxIdleText, &c.ProbesIgnored}, "max-idle",
		"idle timeout of the NAT or load balancer in front of the traffic: a `duration` or a preset ("+presetNames()+")")
	fs.Var(fixFlag{&c.FixIdle, &c.fixIdleText}, "fix-idle",
		"the `duration` suggested fixes set IdleConnTimeout to (default 90s, or half of -max-idle when smaller)")
	fs.Func("balancer-idle", "idle timeout of the load balancer in front of this program's HTTP servers: a `duration`, a preset ("+balancerPresetNames()+"), or off (default 60s, aws-alb)", func(s string) (err error) {
		c.BalancerIdle, err = ParseBalancerIdle(s)
		return err
	})
	fs.BoolVar(&c.ReportTests, "report-tests", c.ReportTests,
		"also report in test code: _test.go files, files importing testing, net/http/httptest or a test framework, functions only they call, test-helper packages")
	fs.BoolVar(&c.ReportTests, "tests", c.ReportTests, "deprecated: use -report-tests")
	fs.Func("skip-pkgs", "`regexp` of import paths to skip, for your own conventions (default: none)", func(s string) error {
		if _, err := regexp.Compile(s); err != nil {
			return fmt.Errorf("invalid regexp: %v", err)
		}
		c.SkipPkgs = s
		return nil
	})
	fs.BoolVar(&c.Strict, "strict", c.Strict, "also report idle timeouts whose value cannot be resolved, and unused ignore directives")
	fs.BoolVar(&c.SkipFactoryDefaults, "skip-factory-defaults", c.SkipFactoryDefaults,
		"do not report exported factories as callers out of sight would get them with no options (factory-default-unbounded): for an application")
}

// limitFlag is -max-idle; its default shows as 350s, the way vendors
// document limits.
type limitFlag struct {
	d        *time.Duration
	text     *string
	dataOnly *bool
}

func (f limitFlag) String() string {
	if f.d == nil {
		return ""
	}
	return values.Seconds(*f.d)
}

func (f limitFlag) Set(s string) (err error) {
	*f.d, err = ParseLimit(s)
	*f.text = s
	if f.dataOnly != nil {
		*f.dataOnly = IsDataOnly(s)
	}
	return err
}

// IsDataOnly reports whether s names a preset whose middlebox resets its
// idle timer only on data, not on TCP keepalive probes.
func IsDataOnly(s string) bool {
	for _, p := range Presets {
		if strings.EqualFold(s, p.Name) {
			return p.DataOnly
		}
	}
	return false
}

type fixFlag struct {
	d    *time.Duration
	text *string
}

func (f fixFlag) String() string {
	if f.d == nil || *f.d == 0 {
		return ""
	}
	return values.Seconds(*f.d)
}

func (f fixFlag) Set(s string) (err error) {
	*f.d, err = ParseFixIdle(s)
	*f.text = s
	return err
}

// InProcessDrivers are database/sql driver names whose databases live in
// the process: no socket, so no middlebox can drop an idle connection. A
// driver name starting with "sqlite" counts too.
var InProcessDrivers = kinds.InProcessDrivers
