package plugin

import (
	"strings"
	"testing"
	"time"

	"github.com/golangci/plugin-module-register/register"
	"github.com/keepalivelint/keepalivelint/analyzer"
	"github.com/keepalivelint/keepalivelint/internal/testgc"
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/analysistest"
)

// TestMain runs the tests with the collector's pace for throughput
// (testgc): each analysistest run type-checks net/http from source.
func TestMain(m *testing.M) {
	testgc.ForThroughput()
	m.Run()
}

// golangci-lint passes the settings as its YAML decoder produced them:
// nil when absent, else a map[string]any.
func TestSettingsDecode(t *testing.T) {
	def := analyzer.DefaultConfig()
	for _, tc := range []struct {
		name     string
		settings any
		want     analyzer.Config
	}{
		{"absent", nil, def},
		{"empty", map[string]any{}, def},
		{"preset", map[string]any{"max-idle": "gcp-nat"},
			analyzer.Config{BalancerIdle: 60 * time.Second, MaxIdle: 1200 * time.Second}},
		{"preset case", map[string]any{"max-idle": "AWS-ALB"},
			analyzer.Config{BalancerIdle: 60 * time.Second, MaxIdle: 60 * time.Second}},
		{"duration", map[string]any{"max-idle": "4m", "fix-idle": "1m"},
			analyzer.Config{BalancerIdle: 60 * time.Second, MaxIdle: 240 * time.Second, FixIdle: time.Minute}},
		{"all", map[string]any{"max-idle": "aws-nat", "fix-idle": "90s", "report-tests": true, "skip-pkgs": "^gen/", "strict": true},
			analyzer.Config{BalancerIdle: 60 * time.Second, MaxIdle: 350 * time.Second, FixIdle: 90 * time.Second, ReportTests: true, SkipPkgs: "^gen/", Strict: true}},
		{"old name of report-tests", map[string]any{"tests": true},
			analyzer.Config{BalancerIdle: 60 * time.Second, MaxIdle: 350 * time.Second, ReportTests: true}},
		{"both names, agreeing", map[string]any{"tests": true, "report-tests": true},
			analyzer.Config{BalancerIdle: 60 * time.Second, MaxIdle: 350 * time.Second, ReportTests: true}},
		{"balancer preset", map[string]any{"balancer-idle": "envoy"},
			analyzer.Config{BalancerIdle: time.Hour, MaxIdle: 350 * time.Second}},
		{"balancer off", map[string]any{"balancer-idle": "off"},
			analyzer.Config{MaxIdle: 350 * time.Second}},
		{"skip nothing", map[string]any{"skip-pkgs": ""},
			analyzer.Config{BalancerIdle: 60 * time.Second, MaxIdle: 350 * time.Second}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s, err := register.DecodeSettings[Settings](tc.settings)
			if err != nil {
				t.Fatal(err)
			}
			got, err := s.Config()
			if err != nil {
				t.Fatal(err)
			}
			if got != tc.want {
				t.Errorf("got %+v, want %+v", got, tc.want)
			}
			if _, err := New(tc.settings); err != nil {
				t.Errorf("New: %v", err)
			}
		})
	}
}

func TestSettingsRejected(t *testing.T) {
	for _, tc := range []struct {
		name     string
		settings any
		want     []string // substrings of the error
	}{
		{"unknown preset", map[string]any{"max-idle": "aws-natgw"},
			[]string{"keepalivelint settings: max-idle:", `"aws-natgw"`, "aws-alb, aws-clb, aws-gwlb, aws-nat"}},
		{"malformed duration", map[string]any{"max-idle": "5 minutes"}, []string{"max-idle:", `"5 minutes"`}},
		{"negative", map[string]any{"max-idle": "-1s"}, []string{"max-idle:"}},
		{"number", map[string]any{"max-idle": 350}, []string{`max-idle: want a duration such as "350s"`, "got 350"}},
		{"bad fix-idle", map[string]any{"fix-idle": "soon"}, []string{"fix-idle:", `"soon"`}},
		{"fix-idle above max-idle", map[string]any{"fix-idle": "400s"}, []string{"fix-idle 400s must be below max-idle 350s"}},
		{"fix-idle above preset", map[string]any{"max-idle": "aws-alb", "fix-idle": "90s"}, []string{"fix-idle 90s must be below max-idle 60s"}},
		{"both names, disagreeing", map[string]any{"tests": true, "report-tests": false}, []string{"tests is the old name of report-tests"}},
		{"bad regexp", map[string]any{"skip-pkgs": "("}, []string{"skip-pkgs"}},
		{"bad balancer-idle", map[string]any{"balancer-idle": "alb"}, []string{"balancer-idle:", `"alb"`, "nginx", "off"}},
		{"balancer-idle number", map[string]any{"balancer-idle": 60}, []string{"balancer-idle: want a duration"}},
		{"unknown key", map[string]any{"max_idle": "350s"}, []string{"unknown field", "max_idle"}},
		{"bool as string", map[string]any{"strict": "yes"}, []string{"strict"}},
		{"not a map", []any{"max-idle"}, []string{"keepalivelint settings"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p, err := New(tc.settings)
			if err == nil {
				t.Fatalf("New(%v) = %v, want an error", tc.settings, p)
			}
			for _, w := range tc.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not contain %q", err, w)
				}
			}
		})
	}
}

func TestRegistered(t *testing.T) {
	newPlugin, err := register.GetPlugin("keepalivelint")
	if err != nil {
		t.Fatal(err)
	}
	p, err := newPlugin(map[string]any{"max-idle": "azure-lb"})
	if err != nil {
		t.Fatal(err)
	}
	if got := p.GetLoadMode(); got != register.LoadModeTypesInfo {
		t.Errorf("GetLoadMode() = %q, want %q: the analyzer needs type information", got, register.LoadModeTypesInfo)
	}
	as, err := p.BuildAnalyzers()
	if err != nil || len(as) != 1 || as[0].Name != "keepalivelint" {
		t.Fatalf("BuildAnalyzers() = %v, %v; want the keepalivelint analyzer", as, err)
	}
}

// The settings reach the analyzer: 400s is too long behind the default
// 350s and fine behind gcp-nat's 1200s.
func TestSettingsReachAnalyzer(t *testing.T) {
	for _, tc := range []struct {
		pkg      string
		settings any
	}{
		{"awsnat", nil},
		{"gcpnat", map[string]any{"max-idle": "gcp-nat"}},
	} {
		t.Run(tc.pkg, func(t *testing.T) {
			p, err := New(tc.settings)
			if err != nil {
				t.Fatal(err)
			}
			as, _ := p.BuildAnalyzers()
			analysistest.Run(t, analysistest.TestData(), as[0], tc.pkg)
		})
	}
}

// golangci-lint makes each related-information entry an issue of its own,
// which //nolint and --fix on the finding leave behind: the plugin's
// findings carry none. The analyzer's own do, on the same fixture.
func TestNoRelatedInformation(t *testing.T) {
	related := func(a *analysis.Analyzer) int {
		n := 0
		for _, r := range analysistest.Run(t, analysistest.TestData(), a, "related") {
			for _, d := range r.Diagnostics {
				n += len(d.Related)
			}
		}
		return n
	}
	// The analyzer's own findings on the fixture carry some: the test
	// tests something. Another load of net/http, left to the full suite.
	if !testing.Short() && related(analyzer.Analyzer) == 0 {
		t.Fatal("the fixture's finding carries no related information: it tests nothing")
	}
	p, err := New(nil)
	if err != nil {
		t.Fatal(err)
	}
	as, _ := p.BuildAnalyzers()
	if n := related(as[0]); n != 0 {
		t.Errorf("the plugin's findings carry %d related entries, want none", n)
	}
}
