package analyzer

import (
	"go/ast"
	"go/token"
	"strings"

	"golang.org/x/tools/go/analysis"
)

// ignoreDirective suppresses the finding on its line or the line below.
const ignoreDirective = "//keepalivelint:ignore"

// quietFiles knows where no finding is wanted: test files (unless -tests)
// and generated files, where no long-lived production pool is built, and
// lines under a //keepalivelint:ignore directive.
type quietFiles struct {
	fset    *token.FileSet
	quiet   map[*token.File]bool
	ignored map[*token.File]map[int]bool // lines covered by a directive
}

func newQuietFiles(pass *analysis.Pass, cfg *Config) *quietFiles {
	q := &quietFiles{fset: pass.Fset, quiet: map[*token.File]bool{}, ignored: map[*token.File]map[int]bool{}}
	for _, f := range pass.Files {
		tf := pass.Fset.File(f.FileStart)
		if tf == nil {
			continue
		}
		if (!cfg.Tests && strings.HasSuffix(tf.Name(), "_test.go")) || ast.IsGenerated(f) {
			q.quiet[tf] = true
			continue
		}
		q.collectDirectives(pass, tf, f)
	}
	return q
}

// collectDirectives records the lines each //keepalivelint:ignore covers
// and reports a directive that gives no reason: a suppression should say
// why the pool is safe.
func (q *quietFiles) collectDirectives(pass *analysis.Pass, tf *token.File, f *ast.File) {
	for _, cg := range f.Comments {
		for _, c := range cg.List {
			rest, ok := strings.CutPrefix(c.Text, ignoreDirective)
			if !ok || (rest != "" && rest[0] != ' ' && rest[0] != '\t') {
				continue
			}
			line := tf.Line(c.Slash)
			if q.ignored[tf] == nil {
				q.ignored[tf] = map[int]bool{}
			}
			q.ignored[tf][line] = true
			q.ignored[tf][line+1] = true
			if strings.TrimSpace(rest) == "" {
				pass.Report(analysis.Diagnostic{
					Pos:      c.Slash,
					End:      c.End(),
					Category: categoryIgnoreWithoutReason,
					Message:  "keepalivelint:ignore directive needs a reason: say why this pool is safe (//keepalivelint:ignore <reason>)",
				})
			}
		}
	}
}

// at reports whether pos lies in a file kept quiet.
func (q *quietFiles) at(pos token.Pos) bool {
	return q.quiet[q.fset.File(pos)]
}

// suppressed reports whether a finding at pos is kept quiet, by its file or
// by an ignore directive.
func (q *quietFiles) suppressed(pos token.Pos) bool {
	tf := q.fset.File(pos)
	if tf == nil {
		return true
	}
	return q.quiet[tf] || q.ignored[tf][tf.Line(pos)]
}
