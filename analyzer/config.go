package analyzer

import (
	"flag"
	"fmt"
	"regexp"
	"sort"
	"strings"
	"time"
)

// DefaultMaxIdle is the idle limit used when none is configured: the AWS
// NAT Gateway's idle timeout, the middlebox of the incident that motivated
// this analyzer.
const DefaultMaxIdle = 350 * time.Second

// DefaultFixIdle is the IdleConnTimeout that suggested fixes insert, when it
// is below half of the limit (http.DefaultTransport uses the same value).
const DefaultFixIdle = 90 * time.Second

// DefaultSkipPkgs matches import paths of test-only helper packages: a path
// element ending in test, tests, testing, testutil or e2e.
const DefaultSkipPkgs = `(^|/)[^/]*(test|tests|testing|testutil|e2e)(/|$)`

// A Preset names the idle timeout of a middlebox commonly found between a Go
// client and its server. The README cites the vendor documentation of each.
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
	for _, p := range Presets {
		if strings.EqualFold(s, p.Name) {
			return p.Limit, nil
		}
	}
	d, err := time.ParseDuration(s)
	if err != nil || d <= 0 {
		return 0, fmt.Errorf("invalid idle limit %q: want a positive duration such as 350s or a preset (%s)", s, presetNames())
	}
	return d, nil
}

// ParseFixIdle parses a -fix-idle value: a positive duration.
func ParseFixIdle(s string) (time.Duration, error) {
	d, err := time.ParseDuration(s)
	if err != nil || d <= 0 {
		return 0, fmt.Errorf("invalid fix idle timeout %q: want a positive duration such as 90s", s)
	}
	return d, nil
}

func presetNames() string {
	names := make([]string, len(Presets))
	for i, p := range Presets {
		names[i] = p.Name
	}
	sort.Strings(names)
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
	// Tests includes _test.go files.
	Tests bool
	// SkipPkgs is a regular expression of import paths to stay quiet in;
	// empty turns it off.
	SkipPkgs string
	// Strict also reports settings whose value cannot be resolved.
	Strict bool
	// ProbesIgnored says the middlebox's idle timer is reset only by data,
	// not by TCP keepalive probes (an AWS ALB or Classic LB): a dialer's
	// probes then make no pool safe. The -max-idle presets of such
	// middleboxes set it.
	ProbesIgnored bool
}

// DefaultConfig returns the settings used when nothing is configured.
func DefaultConfig() Config {
	return Config{MaxIdle: DefaultMaxIdle, SkipPkgs: DefaultSkipPkgs}
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
		return fmt.Errorf("max-idle must be positive, got %v", c.MaxIdle)
	}
	if c.FixIdle < 0 {
		return fmt.Errorf("fix-idle must be positive, got %v", c.FixIdle)
	}
	if fix := c.EffectiveFixIdle(); fix >= c.MaxIdle || fix <= 0 {
		return fmt.Errorf("fix-idle %v must be above 0 and below max-idle %v", fix, c.MaxIdle)
	}
	if _, err := regexp.Compile(c.SkipPkgs); err != nil {
		return fmt.Errorf("invalid skip-pkgs pattern: %v", err)
	}
	return nil
}

// RegisterFlags binds the settings to fs, one flag per field; each flag
// checks its own value when it is set.
func (c *Config) RegisterFlags(fs *flag.FlagSet) {
	fs.Var(limitFlag{&c.MaxIdle, &c.ProbesIgnored}, "max-idle",
		"idle timeout of the NAT or load balancer in front of the traffic: a duration or a preset ("+presetNames()+")")
	fs.Var(fixFlag{&c.FixIdle}, "fix-idle",
		"IdleConnTimeout inserted by suggested fixes (default 90s, or half of -max-idle when smaller)")
	fs.BoolVar(&c.Tests, "tests", c.Tests, "also check _test.go files")
	fs.Func("skip-pkgs", "regexp of import paths to skip (default: test helper packages; empty: none)", func(s string) error {
		if _, err := regexp.Compile(s); err != nil {
			return fmt.Errorf("invalid regexp: %v", err)
		}
		c.SkipPkgs = s
		return nil
	})
	fs.BoolVar(&c.Strict, "strict", c.Strict, "also report idle timeouts whose value cannot be resolved")
}

type limitFlag struct {
	d        *time.Duration
	dataOnly *bool
}

func (f limitFlag) String() string {
	if f.d == nil {
		return ""
	}
	return f.d.String()
}

func (f limitFlag) Set(s string) (err error) {
	*f.d, err = ParseLimit(s)
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

type fixFlag struct{ d *time.Duration }

func (f fixFlag) String() string {
	if f.d == nil || *f.d == 0 {
		return ""
	}
	return f.d.String()
}

func (f fixFlag) Set(s string) (err error) {
	*f.d, err = ParseFixIdle(s)
	return err
}
