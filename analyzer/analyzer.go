package analyzer

import (
	_ "embed"
	"go/token"
	"regexp"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/ast/inspector"
)

//go:embed doc.go
var docSource string

// Analyzer reports pooled HTTP transports and database/sql pools whose idle
// connections can outlive a NAT's or load balancer's idle timeout. Its
// settings are command-line flags; use New for a configured instance.
var Analyzer = newFlagAnalyzer()

// New returns an analyzer with the given settings, or an error if they are
// invalid (see Config.Validate).
func New(cfg Config) (*analysis.Analyzer, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	return build(&cfg), nil
}

// flagConfig holds the settings of Analyzer, bound to its flags.
var flagConfig = DefaultConfig()

func newFlagAnalyzer() *analysis.Analyzer {
	a := build(&flagConfig)
	flagConfig.RegisterFlags(&a.Flags)
	return a
}

// CheckFlags reports an invalid combination of Analyzer's flags (each flag
// is checked alone when it is parsed). Drivers call it once all flags are
// parsed; the analyzer itself fails every package with the same error.
func CheckFlags() error {
	return flagConfig.Validate()
}

func build(cfg *Config) *analysis.Analyzer {
	return &analysis.Analyzer{
		Name:     "keepalivelint",
		Doc:      analyzerDoc(),
		URL:      "https://pkg.go.dev/github.com/keepalivelint/keepalivelint/analyzer",
		Requires: []*analysis.Analyzer{inspect.Analyzer},
		Run:      func(pass *analysis.Pass) (any, error) { return run(pass, cfg) },
	}
}

func run(pass *analysis.Pass, cfg *Config) (any, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	if !importsPooledClient(pass.Pkg) || skipPackage(pass.Pkg.Path(), cfg.SkipPkgs) {
		return nil, nil
	}
	insp := pass.ResultOf[inspect.Analyzer].(*inspector.Inspector)
	quiet := newQuietFiles(pass, cfg)
	ix := newIndex(pass, insp, quiet)
	j := &judge{cfg: cfg, ix: ix, settings: &settingsOf{ix: ix, fl: newFlow(pass, insp, quiet), limit: cfg.MaxIdle}, fx: newFixer(pass, cfg.EffectiveFixIdle())}
	reported := map[token.Pos]bool{}
	// report reports f once, unless it is suppressed; fixes is called
	// only then, since a fix formats the file.
	report := func(f finding, message string, fixes func() []analysis.SuggestedFix) {
		pos := f.node.Pos()
		if reported[pos] || quiet.suppressed(pos) {
			return
		}
		reported[pos] = true
		pass.Report(analysis.Diagnostic{
			Pos:            pos,
			End:            f.node.End(),
			Category:       f.category,
			Message:        message,
			Related:        f.related,
			SuggestedFixes: fixes(),
		})
	}
	for _, p := range findPools(insp, ix, quiet) {
		for _, f := range j.judge(p) {
			report(f, j.message(f), func() []analysis.SuggestedFix { return j.fx.fix(f) })
		}
	}
	return nil, nil
}

// skipPackage reports whether path matches the -skip-pkgs pattern (test
// helper packages by default).
func skipPackage(path, pattern string) bool {
	if pattern == "" {
		return false
	}
	re, err := regexp.Compile(pattern)
	return err == nil && re.MatchString(trimVendor(path))
}

// analyzerDoc extracts the "# Analyzer keepalivelint" section of the package
// comment in doc.go, which is the single source of the documentation.
func analyzerDoc() string {
	var b strings.Builder
	in := false
	for line := range strings.SplitSeq(docSource, "\n") {
		if !strings.HasPrefix(line, "//") {
			if in {
				break
			}
			continue
		}
		text := strings.TrimPrefix(strings.TrimPrefix(line, "//"), " ")
		if strings.HasPrefix(text, "# Analyzer keepalivelint") {
			in = true
			continue
		}
		if in {
			b.WriteString(text)
			b.WriteByte('\n')
		}
	}
	return strings.TrimSpace(b.String())
}
