package analyzer

import (
	"bytes"
	"flag"
	"go/doc/comment"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/keepalivelint/keepalivelint/analyzer/internal/rules"
)

// updating reports whether -update asks to rewrite generated files (the
// flag is defined in fix_test.go, of the external test package, which is
// linked into the same test binary).
func updating() bool {
	f := flag.Lookup("update")
	return f != nil && f.Value.String() == "true"
}

// TestRulesDocumented checks that doc.go has a "Rule NAME" section for
// every category, saying what is wrong, with an example and the fix, and
// no section for a rule that does not exist.
func TestRulesDocumented(t *testing.T) {
	for _, c := range rules.All {
		body, ok := docSection("Rule " + c)
		if !ok {
			t.Errorf("doc.go has no section # Rule %s", c)
			continue
		}
		if !strings.Contains(body, "\n\t") {
			t.Errorf("# Rule %s has no example (an indented code block)", c)
		}
		if !strings.Contains(body, "Fix:") {
			t.Errorf("# Rule %s does not say how to fix it (Fix: ...)", c)
		}
	}
	for section := range strings.SplitSeq(docText(), "\n# ") {
		heading, _, _ := strings.Cut(section, "\n")
		if rule, ok := strings.CutPrefix(heading, "Rule "); ok && !slices.Contains(rules.All, rule) {
			t.Errorf("doc.go documents rule %s, which is no category", rule)
		}
	}
	if got := Rules(); len(got) != len(rules.All) {
		t.Errorf("Rules() = %v, want the %d categories", got, len(rules.All))
	}
}

// TestRuleURLAnchors checks that each rule's URL points to its heading as
// go/doc/comment (and so pkg.go.dev) names it: "# Rule no-idle-timeout"
// is #hdr-Rule_no_idle_timeout.
func TestRuleURLAnchors(t *testing.T) {
	var p comment.Parser
	doc := p.Parse(docText())
	ids := map[string]string{} // heading text -> id
	seen := map[string]bool{}
	for _, b := range doc.Content {
		h, ok := b.(*comment.Heading)
		if !ok {
			continue
		}
		var text strings.Builder
		for _, x := range h.Text {
			if p, ok := x.(comment.Plain); ok {
				text.WriteString(string(p))
			}
		}
		id := h.DefaultID()
		if seen[id] {
			t.Errorf("heading id %s is not unique", id)
		}
		seen[id] = true
		ids[text.String()] = id
	}
	for _, c := range rules.All {
		id, ok := ids["Rule "+c]
		if !ok {
			t.Errorf("no heading Rule %s", c)
			continue
		}
		if want := DocURL + "#" + id; RuleURL(c) != want {
			t.Errorf("RuleURL(%s) = %s, want %s", c, RuleURL(c), want)
		}
	}
	if got, want := RuleURL("no-idle-timeout"), DocURL+"#hdr-Rule_no_idle_timeout"; got != want {
		t.Errorf("RuleURL(no-idle-timeout) = %s, want %s", got, want)
	}
}

// TestAnalyzerDoc checks the Doc drivers print: a summary line without the
// tool's name (drivers print "keepalivelint: " before it), then the
// overview, without the rule sections.
func TestAnalyzerDoc(t *testing.T) {
	doc := analyzerDoc()
	first, _, _ := strings.Cut(doc, "\n")
	if first != "report connection pools whose idle connections can outlive a NAT or load balancer" {
		t.Errorf("first line of Doc: %q", first)
	}
	if strings.Contains(doc, "# Rule") || strings.Contains(doc, "# Sites") {
		t.Errorf("Doc runs past its section:\n%s", doc)
	}
	if !strings.Contains(doc, "keepalivelint -explain") {
		t.Errorf("Doc does not say how to explain a rule:\n%s", doc)
	}
}

func TestExplain(t *testing.T) {
	for _, rule := range Rules() {
		text, err := Explain(rule)
		if err != nil {
			t.Errorf("Explain(%s): %v", rule, err)
			continue
		}
		body, _ := docSection("Rule " + rule)
		if !strings.HasPrefix(text, "Rule "+rule+"\n\n") || !strings.Contains(text, body) || !strings.Contains(text, RuleURL(rule)) {
			t.Errorf("Explain(%s) does not print the heading, the section and the URL:\n%s", rule, text)
		}
		if strings.Contains(strings.TrimPrefix(text, "Rule "+rule), "\nRule ") || strings.Contains(text, "# ") {
			t.Errorf("Explain(%s) runs past its section:\n%s", rule, text)
		}
	}
	_, err := Explain("no-idle")
	if err == nil {
		t.Fatal(`Explain("no-idle"): no error`)
	}
	for _, rule := range rules.All {
		if !strings.Contains(err.Error(), rule) {
			t.Errorf("the error does not list rule %s: %v", rule, err)
		}
	}
}

// rulesMarkdownHeader heads docs/rules.md.
const rulesMarkdownHeader = `<!-- Code generated from analyzer/doc.go by TestRulesMarkdown; DO NOT EDIT.
     Edit analyzer/doc.go, then: go test ./analyzer -run TestRulesMarkdown -update -->

# keepalivelint reference

This is the package documentation of
[github.com/keepalivelint/keepalivelint/analyzer](` + DocURL + `),
the single source of the rules. Each finding ends with its rule's name;
` + "`keepalivelint -explain RULE`" + ` prints a rule's section and its address on pkg.go.dev,
and the SARIF log (` + "`-format=sarif`" + `) gives that address as each rule's ` + "`helpUri`" + `.
The text and ` + "`-json`" + ` outputs do not print it.

`

// TestRulesMarkdown checks that docs/rules.md is doc.go rendered as
// Markdown; -update rewrites it.
func TestRulesMarkdown(t *testing.T) {
	want := append([]byte(rulesMarkdownHeader), docMarkdown()...)
	name := filepath.Join("..", "docs", "rules.md")
	if updating() {
		if err := os.WriteFile(name, want, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	got, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("docs/rules.md is not doc.go's Markdown; run go test ./analyzer -run TestRulesMarkdown -update")
	}
}

// TestDocumentedLists checks that the README lists every rule, and that
// doc.go and the README (or the docs/ it links to) list every preset,
// in-process driver, test-helper name and test-support import: they are
// the user interface.
func TestDocumentedLists(t *testing.T) {
	readme, err := os.ReadFile("../README.md")
	if err != nil {
		t.Fatal(err)
	}
	docs, _ := filepath.Glob("../docs/*.md")
	userDocs := string(readme)
	for _, d := range docs {
		data, err := os.ReadFile(d)
		if err != nil {
			t.Fatal(err)
		}
		userDocs += string(data)
	}
	text := docText()
	for _, c := range rules.All {
		if !strings.Contains(string(readme), "`"+c+"`") {
			t.Errorf("README.md does not list rule %s", c)
		}
	}
	var names []string
	for _, p := range Presets {
		names = append(names, p.Name)
	}
	names = append(names, TestHelperNames...)
	names = append(names, TestSupportImports...)
	for _, n := range names {
		if !strings.Contains(text, n) {
			t.Errorf("doc.go does not list %s", n)
		}
		if !strings.Contains(userDocs, "`"+n+"`") {
			t.Errorf("neither README.md nor docs/ list `%s`", n)
		}
	}
	// The in-process drivers are listed in the rule sql-no-idle-limit,
	// which docs/rules.md renders (TestRulesMarkdown).
	for _, d := range InProcessDrivers {
		if body, _ := docSection("Rule " + rules.SQLNoIdleLimit); !strings.Contains(body, d) {
			t.Errorf("doc.go's rule %s does not list in-process driver %s", rules.SQLNoIdleLimit, d)
		}
	}
}
