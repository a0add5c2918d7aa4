package analyzer

import (
	"go/ast"
	"go/token"
	"go/types"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"golang.org/x/tools/go/analysis"

	"github.com/keepalivelint/keepalivelint/analyzer/internal/kinds"
	"github.com/keepalivelint/keepalivelint/analyzer/internal/rules"
)

// ignoreDirective suppresses the finding on its line or the line below.
const ignoreDirective = "//keepalivelint:ignore"

// quietPackage reports whether no finding is wanted anywhere in the
// package at path: a test-helper package (unless ReportTests) or one the
// user's -skip-pkgs pattern matches.
func quietPackage(path string, cfg *Config) bool {
	path = kinds.TrimVendor(path)
	if !cfg.ReportTests && isTestHelperPath(path) {
		return true
	}
	if cfg.SkipPkgs == "" {
		return false
	}
	re, err := regexp.Compile(cfg.SkipPkgs)
	return err == nil && re.MatchString(path)
}

// isTestHelperPath reports whether an element of the import path is a
// test-helper name (TestHelperNames), alone or as a part separated by - or
// _: internal/testutil, e2e-tests, pkg/test_helpers, foo_test. An element
// that merely ends in test (latest, attest, pingtest) is not.
func isTestHelperPath(path string) bool {
	for elem := range strings.SplitSeq(path, "/") {
		for part := range strings.FieldsFuncSeq(elem, func(r rune) bool { return r == '-' || r == '_' }) {
			if slices.Contains(TestHelperNames, part) {
				return true
			}
		}
	}
	return false
}

// isTestSupport reports whether f, a file that is not a _test.go file, is
// test support: it imports a test framework (TestFrameworkImports) or
// net/http/httptest, or it imports testing and
// uses more of it than testing.Testing (which production code calls to
// know whether it runs in a test binary). Such a file holds a fake server
// and the client that talks to it, or a mock next to production code.
func isTestSupport(info *types.Info, f *ast.File) bool {
	for _, imp := range f.Imports {
		path, err := strconv.Unquote(imp.Path.Value)
		if err == nil && isTestFramework(kinds.TrimVendor(path)) {
			return true
		}
		if err != nil || !slices.Contains(TestSupportImports, path) {
			continue
		}
		if path != "testing" || imp.Name != nil && imp.Name.Name == "." || usesTestingBeyondTesting(info, f) {
			return true
		}
	}
	return false
}

// isTestFramework reports whether path is a package of a test framework:
// one of TestFrameworkImports or a package under one.
func isTestFramework(path string) bool {
	for _, fw := range TestFrameworkImports {
		if path == fw || strings.HasPrefix(path, fw+"/") {
			return true
		}
	}
	return false
}

// usesTestingBeyondTesting reports whether f refers to a member of package
// testing other than the function Testing.
func usesTestingBeyondTesting(info *types.Info, f *ast.File) bool {
	found := false
	ast.Inspect(f, func(n ast.Node) bool {
		sel, ok := n.(*ast.SelectorExpr)
		if !ok || found {
			return !found
		}
		if id, ok := sel.X.(*ast.Ident); ok {
			if pkg, ok := info.Uses[id].(*types.PkgName); ok && pkg.Imported().Path() == "testing" && sel.Sel.Name != "Testing" {
				found = true
			}
		}
		return true
	})
	return found
}

// quietFiles knows where no finding is wanted: test code (unless
// ReportTests) and generated files, where no long-lived production pool is
// built, and lines under a //keepalivelint:ignore directive.
type quietFiles struct {
	fset       *token.FileSet
	quiet      map[*token.File]bool
	quietFuncs map[*token.File][]*ast.FuncDecl      // functions only test code calls (testreach.go)
	generated  map[*token.File]bool                 // generated files that are not tests
	ignored    map[*token.File]map[int][]*directive // lines covered by directives
	directives []*directive
}

// A directive is one //keepalivelint:ignore comment.
type directive struct {
	comment *ast.Comment
	used    bool // it suppressed a finding
}

func newQuietFiles(pass *analysis.Pass, cfg *Config) *quietFiles {
	q := &quietFiles{fset: pass.Fset, quiet: map[*token.File]bool{}, quietFuncs: map[*token.File][]*ast.FuncDecl{}, generated: map[*token.File]bool{}, ignored: map[*token.File]map[int][]*directive{}}
	testCode := map[*ast.File]bool{}
	for _, f := range pass.Files {
		tf := pass.Fset.File(f.FileStart)
		if tf == nil {
			continue
		}
		testFile := strings.HasSuffix(tf.Name(), "_test.go")
		generated := ast.IsGenerated(f) && !isCgoOutput(f)
		if generated && !testFile {
			q.generated[tf] = true
		}
		testCode[f] = testFile || isTestSupport(pass.TypesInfo, f)
		if (!cfg.ReportTests && testCode[f]) || generated {
			q.quiet[tf] = true
			continue
		}
		q.collectDirectives(pass, tf, f)
	}
	if !cfg.ReportTests {
		outside := func(candidates []string) map[string]bool { return unseenTestRefs(pass, candidates) }
		for _, fd := range testOnlyFuncs(pass.TypesInfo, pass.Files, testCode, hasTestFiles(pass), outside) {
			tf := pass.Fset.File(fd.Pos())
			q.quietFuncs[tf] = append(q.quietFuncs[tf], fd)
		}
	}
	return q
}

// inQuietFunc reports whether pos lies in a function only test code calls.
func (q *quietFiles) inQuietFunc(tf *token.File, pos token.Pos) bool {
	for _, fd := range q.quietFuncs[tf] {
		if fd.Pos() <= pos && pos < fd.End() {
			return true
		}
	}
	return false
}

// looksLikeDirective reports whether a comment that is not a well-formed
// directive looks like one: "// keepalivelint:ignore", with a space after
// //, is not a directive for Go and would silently suppress nothing; nor
// would /*keepalivelint:ignore*/, //keepalivelint: ignore or
// //KeepaliveLint:Ignore.
func looksLikeDirective(text string) bool {
	rest, ok := cutFold(strings.TrimLeft(text[2:], " \t"), "keepalivelint") // after // or /*
	if !ok {
		return false
	}
	rest, ok = strings.CutPrefix(strings.TrimLeft(rest, " \t"), ":")
	if !ok {
		return false
	}
	_, ok = cutFold(strings.TrimLeft(rest, " \t"), "ignore")
	return ok
}

// cutFold is strings.CutPrefix, ignoring case.
func cutFold(s, prefix string) (string, bool) {
	if len(s) < len(prefix) || !strings.EqualFold(s[:len(prefix)], prefix) {
		return s, false
	}
	return s[len(prefix):], true
}

// collectDirectives records the lines each //keepalivelint:ignore covers.
// It reports a directive that gives no reason (a suppression should say
// why the pool is safe) and a comment that looks like a directive but is
// not one.
func (q *quietFiles) collectDirectives(pass *analysis.Pass, tf *token.File, f *ast.File) {
	for _, cg := range f.Comments {
		for _, c := range cg.List {
			rest, ok := strings.CutPrefix(c.Text, ignoreDirective)
			if !ok || (rest != "" && rest[0] != ' ' && rest[0] != '\t') {
				if looksLikeDirective(c.Text) {
					report(pass, analysis.Diagnostic{
						Pos:      c.Slash,
						End:      c.End(),
						Category: rules.MalformedIgnore,
						Message:  "malformed directive, it suppresses nothing: write //keepalivelint:ignore <reason>, with no space after //",
					})
				}
				continue
			}
			d := &directive{comment: c}
			q.directives = append(q.directives, d)
			line := tf.Line(c.Slash)
			if q.ignored[tf] == nil {
				q.ignored[tf] = map[int][]*directive{}
			}
			q.ignored[tf][line] = append(q.ignored[tf][line], d)
			q.ignored[tf][line+1] = append(q.ignored[tf][line+1], d)
			if strings.TrimSpace(rest) == "" {
				report(pass, analysis.Diagnostic{
					Pos:      c.Slash,
					End:      c.End(),
					Category: rules.IgnoreWithoutReason,
					Message:  "keepalivelint:ignore directive needs a reason: say why this pool is safe (//keepalivelint:ignore <reason>)",
				})
			}
		}
	}
}

// reportUnused reports the directives that suppressed no finding (in
// -strict mode): the code they were written for has changed or moved.
func (q *quietFiles) reportUnused(pass *analysis.Pass) {
	for _, d := range q.directives {
		if !d.used {
			report(pass, analysis.Diagnostic{
				Pos:      d.comment.Slash,
				End:      d.comment.End(),
				Category: rules.UnusedIgnore,
				Message:  "keepalivelint:ignore directive suppresses nothing on its line or the next: remove it",
			})
		}
	}
}

// isCgoOutput reports whether f is cmd/cgo's rewrite of a user's file (go
// vet analyzes those, marked "Code generated by cmd/cgo"): its code is the
// user's, not generated, and is checked.
func isCgoOutput(f *ast.File) bool {
	for _, cg := range f.Comments {
		if cg.Pos() > f.Package {
			break
		}
		for _, c := range cg.List {
			if strings.Contains(c.Text, "Code generated by cmd/cgo") {
				return true
			}
		}
	}
	return false
}

// At reports whether pos lies in a file kept quiet, or in a function only
// test code calls.
func (q *quietFiles) At(pos token.Pos) bool {
	tf := q.fset.File(pos)
	return q.quiet[tf] || q.inQuietFunc(tf, pos)
}

// Generated reports whether pos lies in a generated file that is not a
// test file: not reported on, but part of the program.
func (q *quietFiles) Generated(pos token.Pos) bool {
	return q.generated[q.fset.File(pos)]
}

// suppressed reports whether a finding at pos is kept quiet, by its file or
// by an ignore directive, which is then marked used.
func (q *quietFiles) suppressed(pos token.Pos) bool {
	tf := q.fset.File(pos)
	if tf == nil {
		return true
	}
	if q.quiet[tf] || q.inQuietFunc(tf, pos) {
		return true
	}
	ds := q.ignored[tf][tf.Line(pos)]
	for _, d := range ds {
		d.used = true
	}
	return len(ds) > 0
}
