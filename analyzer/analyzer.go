package analyzer

import (
	"go/token"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/keepalivelint/keepalivelint/analyzer/internal/effects"
	"github.com/keepalivelint/keepalivelint/analyzer/internal/fix"
	"github.com/keepalivelint/keepalivelint/analyzer/internal/flow"
	"github.com/keepalivelint/keepalivelint/analyzer/internal/index"
	"github.com/keepalivelint/keepalivelint/analyzer/internal/judge"
	"github.com/keepalivelint/keepalivelint/analyzer/internal/kinds"
	"github.com/keepalivelint/keepalivelint/analyzer/internal/resolve"
	"github.com/keepalivelint/keepalivelint/analyzer/internal/summaries"
)

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
		URL:      DocURL,
		Requires: []*analysis.Analyzer{inspect.Analyzer},
		// Summaries of configurers and openers, for callers in other
		// packages (facts.go).
		FactTypes: []analysis.Fact{new(summaries.PoolFact), new(summaries.PoolsPackage), new(summaries.Drivers), new(summaries.FlagDefault)},
		Run:       func(pass *analysis.Pass) (any, error) { return run(pass, cfg) },
	}
}

func run(pass *analysis.Pass, cfg *Config) (any, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	drivers := linkedDrivers(pass)
	insp := pass.ResultOf[inspect.Analyzer].(*inspector.Inspector)
	flags := flagVars(pass)
	if !(kinds.ImportsPooledClient(pass.Pkg) || importsPools(pass)) || quietPackage(pass.Pkg.Path(), cfg) {
		if len(flags) > 0 {
			exportFlagDefaults(pass, newStages(pass, insp, newQuietFiles(pass, cfg), cfg).resolver, flags)
		}
		return nil, nil
	}
	quiet := newQuietFiles(pass, cfg)
	st := newStages(pass, insp, quiet, cfg)
	exportFlagDefaults(pass, st.resolver, flags)
	rep := &reporter{pass: pass, quiet: quiet, fixer: st.fixer, reported: map[token.Pos]bool{}}
	pools := findPools(insp, sites{st.index, st.effects, drivers}, quiet)
	for _, p := range pools {
		for _, f := range st.judge.Judge(p) {
			rep.report(f, st.judge.Message(f))
		}
	}
	// Facts are for importers, which give factories their own Config.
	st.resolver.ZeroConfig = false
	exportFacts(pass, st.index, st.effects, st.resolver, pools)
	if cfg.Strict {
		quiet.reportUnused(pass)
	}
	return nil, nil
}

// stages are the pipeline's stages for one package, each built on the
// ones below it: the index of what the package does to pools, the
// summaries of what functions do to them, the resolver of effective
// settings, the judge and the fixer.
type stages struct {
	index    *index.Index
	effects  *effects.Summarizer
	resolver *resolve.Resolver
	judge    *judge.Judge
	fixer    *fix.Fixer
}

func newStages(pass *analysis.Pass, insp *inspector.Inspector, quiet *quietFiles, cfg *Config) stages {
	ix := index.New(pass.TypesInfo, pass.Pkg, insp, quiet)
	sum := effects.New(ix, pass.ImportObjectFact)
	res := &resolve.Resolver{
		Index:    ix,
		Effects:  sum,
		Flow:     flow.New(pass.TypesInfo, insp.Root()),
		Guards:   &resolve.Guards{Info: pass.TypesInfo, Root: insp.Root()},
		Defaults: &resolve.Defaults{Index: ix, Root: insp.Root(), Files: pass.Files, Quiet: quiet, ImportFact: pass.ImportObjectFact},
		Limit:    cfg.MaxIdle,
		// Exported factories taking a Config are judged with a zero one
		// (factory-default-unbounded), unless switched off.
		ZeroConfig: !cfg.SkipFactoryDefaults,
	}
	lim := judge.Limits{MaxIdle: cfg.MaxIdle, FixIdle: cfg.EffectiveFixIdle(), Strict: cfg.Strict, ProbesIgnored: cfg.ProbesIgnored,
		BalancerIdle: cfg.BalancerIdle, ServerFixIdle: ServerFixIdle(cfg.BalancerIdle),
		SkipFactoryDefaults: cfg.SkipFactoryDefaults}
	src := &fix.Source{Fset: pass.Fset, TypesInfo: pass.TypesInfo, Pkg: pass.Pkg, Files: pass.Files, ReadFile: pass.ReadFile}
	return stages{index: ix, effects: sum, resolver: res, judge: judge.New(lim, ix, res), fixer: fix.New(src, cfg.EffectiveFixIdle(), ServerFixIdle(cfg.BalancerIdle))}
}

// A reporter reports each finding once, unless it is suppressed.
type reporter struct {
	pass     *analysis.Pass
	quiet    *quietFiles
	fixer    *fix.Fixer
	reported map[token.Pos]bool
}

// report reports f with message; its fix is built only then, since a fix
// formats the file.
func (r *reporter) report(f judge.Finding, message string) {
	pos := f.Node.Pos()
	if r.reported[pos] || r.quiet.suppressed(pos) {
		return
	}
	r.reported[pos] = true
	report(r.pass, analysis.Diagnostic{
		Pos:            pos,
		End:            f.Node.End(),
		Category:       f.Category,
		Message:        message,
		Related:        f.Related,
		SuggestedFixes: r.fixer.Fix(f),
	})
}

// report is the one way a diagnostic leaves the analyzer: the message ends
// with the rule's name, as staticcheck's do, so that a terminal line says
// which rule fired and can be grepped, and the URL leads to the rule's
// documentation (keepalivelint -explain RULE prints the same text).
func report(pass *analysis.Pass, d analysis.Diagnostic) {
	d.Message += " (" + d.Category + ")"
	d.URL = RuleURL(d.Category)
	pass.Report(d)
}

// analyzerDoc is the Doc of the analyzer: the "# Analyzer keepalivelint"
// section of the package comment in doc.go, the single source of the
// documentation, without its "keepalivelint:" prefix (drivers print
// "keepalivelint: " before the first line), as x/tools' analyzers do.
func analyzerDoc() string {
	body, _ := docSection("Analyzer keepalivelint")
	return strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(body), "keepalivelint:"))
}
