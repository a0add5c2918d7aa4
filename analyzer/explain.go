package analyzer

import (
	_ "embed"
	"fmt"
	"go/doc/comment"
	"go/parser"
	"go/token"
	"slices"
	"strings"

	"github.com/keepalivelint/keepalivelint/analyzer/internal/rules"
)

// The package comment of doc.go is the documentation, and its single
// source: the analyzer's Doc is its "Analyzer keepalivelint" section,
// keepalivelint -explain RULE prints a rule's "Rule RULE" section,
// docs/rules.md is generated from it, and each diagnostic's URL points to
// its rule's section on pkg.go.dev.
//
//go:embed doc.go
var docSource string

// DocURL is the address of the documentation on pkg.go.dev.
const DocURL = "https://pkg.go.dev/github.com/keepalivelint/keepalivelint/analyzer"

// Rules returns the names of the rules, which are the categories of the
// diagnostics, in the order the documentation describes them.
func Rules() []string {
	var names []string
	for section := range strings.SplitSeq(docText(), "\n# ") {
		heading, _, _ := strings.Cut(section, "\n")
		if rule, ok := strings.CutPrefix(heading, "Rule "); ok && slices.Contains(rules.All, rule) {
			names = append(names, rule)
		}
	}
	for _, c := range rules.All {
		if !slices.Contains(names, c) {
			names = append(names, c) // undocumented: TestRulesDocumented fails
		}
	}
	return names
}

// RuleURL returns the address of the documentation of rule: its section
// on pkg.go.dev, whose anchor go/doc/comment derives from the heading
// "Rule RULE".
func RuleURL(rule string) string {
	return DocURL + "#" + ruleHeading(rule).DefaultID()
}

func ruleHeading(rule string) *comment.Heading {
	return &comment.Heading{Text: []comment.Text{comment.Plain("Rule " + rule)}}
}

// Explain returns the documentation of rule as text (what is wrong, why it
// breaks, an example, the fix) followed by its address, or an error
// listing the rules when there is no such rule.
func Explain(rule string) (string, error) {
	body, err := RuleDoc(rule)
	if err != nil {
		return "", err
	}
	return fmt.Sprintf("Rule %s\n\n%s\n\nOnline documentation:\n    %s\n", rule, body, RuleURL(rule)), nil
}

// RuleDoc returns the documentation of rule, the text Explain prints
// between the heading and the address (for SARIF's rule descriptions), or
// an error listing the rules when there is no such rule.
func RuleDoc(rule string) (string, error) {
	if !slices.Contains(rules.All, rule) {
		return "", fmt.Errorf("no rule %q; the rules are %s", rule, strings.Join(Rules(), ", "))
	}
	body, ok := docSection("Rule " + rule)
	if !ok {
		return "", fmt.Errorf("rule %s is not documented", rule)
	}
	return strings.TrimSpace(body), nil
}

// docText returns the text of doc.go's package comment, without comment
// markers.
func docText() string {
	f, err := parser.ParseFile(token.NewFileSet(), "doc.go", docSource, parser.PackageClauseOnly|parser.ParseComments)
	if err != nil || f.Doc == nil {
		return ""
	}
	return f.Doc.Text()
}

// docSection returns the text of the section under the heading "# name"
// of the package comment, up to the next heading.
func docSection(name string) (string, bool) {
	text := docText()
	for section := range strings.SplitSeq(text, "\n# ") {
		body, ok := strings.CutPrefix(section, name+"\n")
		if ok {
			return strings.TrimSpace(body), true
		}
	}
	return "", false
}

// docMarkdown renders the package comment as Markdown, for docs/rules.md:
// headings become level-2 Markdown headings, which GitHub gives anchors of
// its own (#rule-no-idle-timeout).
func docMarkdown() []byte {
	var p comment.Parser
	doc := p.Parse(docText())
	pr := comment.Printer{HeadingLevel: 2, HeadingID: func(*comment.Heading) string { return "" }}
	return pr.Markdown(doc)
}
