package analyzer

import (
	"regexp"
	"strings"
	"testing"

	"github.com/keepalivelint/keepalivelint/analyzer/internal/kinds"
	"github.com/keepalivelint/keepalivelint/analyzer/internal/rules"
)

// TestDriverVerdictsDocumented checks that the rule sql-no-idle-limit
// lists every driver of kinds.Drivers with its names and, where the
// verdict rests on a loopback proof, that proof's test, and that every
// row with a verdict other than unknown names its proof.
func TestDriverVerdictsDocumented(t *testing.T) {
	body, _ := docSection("Rule " + rules.SQLNoIdleLimit)
	body = strings.Join(strings.Fields(strings.ReplaceAll(body, "//", "")), " ")
	for _, d := range kinds.Drivers {
		if d.Verdict != kinds.VerdictUnknown && d.Proof == "" {
			t.Errorf("%s (%s): verdict %s without a proof", d.Package, d.Versions, d.Verdict)
		}
		if d.Source == "" {
			t.Errorf("%s (%s): no source", d.Package, d.Versions)
		}
		if d.Package == "github.com/denisenkom/go-mssqldb" {
			continue // the old path of go-mssqldb, documented with it
		}
		pkg := d.Package
		if i := strings.Index(pkg, "clickhouse-go"); i >= 0 {
			pkg = "clickhouse-go"
		}
		if !strings.Contains(body, pkg) {
			t.Errorf("doc.go's rule %s does not list driver %s", rules.SQLNoIdleLimit, d.Package)
		}
		for _, n := range d.Names {
			if !strings.Contains(body, `"`+n+`"`) {
				t.Errorf("doc.go's rule %s does not list driver name %q of %s", rules.SQLNoIdleLimit, n, d.Package)
			}
		}
		if _, test, ok := strings.Cut(d.Proof, " "); ok && !regexp.MustCompile(`\b`+test+`\b`).MatchString(body) {
			t.Errorf("doc.go's rule %s does not cite %s for %s", rules.SQLNoIdleLimit, test, d.Package)
		}
	}
	for _, d := range kinds.Dialectors {
		for _, f := range d.Funcs {
			pkg, _, _ := kinds.CutLast(f, ".")
			if !strings.Contains(body, pkg) && !strings.Contains(body, strings.TrimPrefix(pkg, "gorm.io/driver/")) {
				t.Errorf("doc.go's rule %s does not list dialector %s", rules.SQLNoIdleLimit, f)
			}
		}
	}
}
