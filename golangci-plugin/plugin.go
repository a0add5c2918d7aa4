// Package plugin is the golangci-lint v2 module plugin of keepalivelint.
//
// It registers the linter "keepalivelint" with
// github.com/golangci/plugin-module-register. Build it into golangci-lint
// with `golangci-lint custom` (see .custom-gcl.yml next to this file) and
// enable it in .golangci.yml:
//
//	version: "2"
//	linters:
//	  enable:
//	    - keepalivelint
//	  settings:
//	    custom:
//	      keepalivelint:
//	        type: module
//	        description: reports connection pools whose idle connections can outlive a NAT or load balancer
//	        settings:
//	          max-idle: aws-nat      # a duration (350s) or a preset name
//	          # fix-idle: 45s        # IdleConnTimeout fixes insert; default 90s, or half of max-idle when smaller
//	          balancer-idle: aws-alb # the balancer in front of HTTP servers: a duration, a preset, or off
//	          report-tests: false    # also report in test code
//	          skip-pkgs: "(^|/)gen/" # regexp of import paths to skip (default: none)
//	          strict: false          # also report values that cannot be resolved
//	          skip-factory-defaults: false # an application: no factory-default-unbounded
//
// The settings mean what the command's flags of the same names mean.
// tests is accepted as the old name of report-tests.
package plugin

import (
	"encoding/json"
	"fmt"

	"github.com/golangci/plugin-module-register/register"
	"github.com/keepalivelint/keepalivelint/analyzer"
	"golang.org/x/tools/go/analysis"
)

// Name is the linter's name in .golangci.yml and in //nolint directives.
const Name = "keepalivelint"

func init() {
	register.Plugin(Name, New)
}

// Settings are the keys of linters.settings.custom.keepalivelint.settings.
// Unknown keys are rejected.
type Settings struct {
	// MaxIdle is a duration ("350s", "4m") or a preset name ("aws-nat").
	// Empty means the default, 350s.
	MaxIdle maxIdle `json:"max-idle"`
	// FixIdle is the IdleConnTimeout that fixes insert. Empty means 90s, or
	// half of MaxIdle when that is smaller.
	FixIdle fixIdle `json:"fix-idle"`
	// BalancerIdle is the idle timeout of the load balancer in front of
	// the program's HTTP servers: a duration ("60s"), a preset name
	// ("nginx") or "off". Empty means the default, 60s (aws-alb).
	BalancerIdle balancerIdle `json:"balancer-idle"`
	// ReportTests also reports in test code: _test.go files, files that
	// import testing or net/http/httptest, test-helper packages.
	ReportTests *bool `json:"report-tests"`
	// Tests is the old name of ReportTests (the command's -tests was
	// mistaken for the driver's -test); it is still accepted.
	Tests *bool `json:"tests"`
	// SkipPkgs is a regexp of import paths to skip, for a project's own
	// conventions; empty (the default) skips nothing.
	SkipPkgs skipPkgs `json:"skip-pkgs"`
	// Strict also reports idle timeouts whose value cannot be resolved.
	Strict bool `json:"strict"`
	// SkipFactoryDefaults leaves out factory-default-unbounded (for an
	// application, whose exported factories only it calls).
	SkipFactoryDefaults bool `json:"skip-factory-defaults"`
}

// The string settings. YAML reads an unquoted 350 as a number; say what is
// wanted instead of reporting a JSON type error.
type (
	maxIdle      string
	fixIdle      string
	balancerIdle string
	skipPkgs     string
)

func (v *balancerIdle) UnmarshalJSON(data []byte) error {
	return decodeString((*string)(v), "balancer-idle", `a duration such as "60s", a preset such as "aws-alb", or "off"`, data)
}

func (v *maxIdle) UnmarshalJSON(data []byte) error {
	return decodeString((*string)(v), "max-idle", `a duration such as "350s" or a preset such as "aws-nat"`, data)
}

func (v *fixIdle) UnmarshalJSON(data []byte) error {
	return decodeString((*string)(v), "fix-idle", `a duration such as "90s"`, data)
}

func (v *skipPkgs) UnmarshalJSON(data []byte) error {
	return decodeString((*string)(v), "skip-pkgs", "a regular expression", data)
}

func decodeString(dst *string, key, want string, data []byte) error {
	if err := json.Unmarshal(data, dst); err != nil {
		return fmt.Errorf("%s: want %s, got %s", key, want, data)
	}
	return nil
}

// Config converts the settings to the analyzer's configuration and
// validates it.
func (s Settings) Config() (analyzer.Config, error) {
	cfg := analyzer.DefaultConfig()
	var err error
	if s.MaxIdle != "" {
		if cfg.MaxIdle, err = analyzer.ParseLimit(string(s.MaxIdle)); err != nil {
			return cfg, fmt.Errorf("max-idle: %v", err)
		}
	}
	if s.FixIdle != "" {
		if cfg.FixIdle, err = analyzer.ParseFixIdle(string(s.FixIdle)); err != nil {
			return cfg, fmt.Errorf("fix-idle: %v", err)
		}
	}
	if s.BalancerIdle != "" {
		if cfg.BalancerIdle, err = analyzer.ParseBalancerIdle(string(s.BalancerIdle)); err != nil {
			return cfg, fmt.Errorf("balancer-idle: %v", err)
		}
	}
	switch {
	case s.ReportTests != nil && s.Tests != nil && *s.ReportTests != *s.Tests:
		return cfg, fmt.Errorf("tests is the old name of report-tests; set report-tests only")
	case s.ReportTests != nil:
		cfg.ReportTests = *s.ReportTests
	case s.Tests != nil:
		cfg.ReportTests = *s.Tests
	}
	cfg.SkipPkgs = string(s.SkipPkgs)
	cfg.Strict = s.Strict
	cfg.SkipFactoryDefaults = s.SkipFactoryDefaults
	return cfg, cfg.Validate()
}

// Plugin is the registered linter: one analyzer, built from the settings.
type Plugin struct {
	analyzer *analysis.Analyzer
}

var _ register.LinterPlugin = (*Plugin)(nil)

// New decodes and validates the settings golangci-lint passes (the value
// of linters.settings.custom.keepalivelint.settings) and returns the plugin,
// or an error that golangci-lint reports before linting anything.
func New(settings any) (register.LinterPlugin, error) {
	s, err := register.DecodeSettings[Settings](settings)
	if err != nil {
		return nil, fmt.Errorf("%s settings: %w", Name, err)
	}
	cfg, err := s.Config()
	if err != nil {
		return nil, fmt.Errorf("%s settings: %w", Name, err)
	}
	a, err := analyzer.New(cfg)
	if err != nil {
		return nil, fmt.Errorf("%s settings: %w", Name, err)
	}
	return &Plugin{analyzer: withoutRelated(a)}, nil
}

// withoutRelated makes a report its diagnostics without related
// information. golangci-lint turns each related entry into an issue of its
// own ("keepalivelint(related information): ReadTimeout set here"), at
// another line and without a fix, so a finding suppressed by
// //nolint:keepalivelint or fixed by --fix would still leave an issue
// and fail the run. The message says what is wrong on its own; the
// command, go vet and -json still show the related positions.
func withoutRelated(a *analysis.Analyzer) *analysis.Analyzer {
	run := a.Run
	a.Run = func(pass *analysis.Pass) (any, error) {
		p := *pass
		p.Report = func(d analysis.Diagnostic) {
			d.Related = nil
			pass.Report(d)
		}
		return run(&p)
	}
	return a
}

// BuildAnalyzers returns the configured analyzer.
func (p *Plugin) BuildAnalyzers() ([]*analysis.Analyzer, error) {
	return []*analysis.Analyzer{p.analyzer}, nil
}

// GetLoadMode asks for type information: the analyzer resolves types and
// constants (register.LoadModeSyntax would leave pass.TypesInfo nil).
func (p *Plugin) GetLoadMode() string {
	return register.LoadModeTypesInfo
}
