package analyzer

import (
	"os"
	"path"
	"regexp"
	"strings"
	"testing"

	"github.com/keepalivelint/keepalivelint/analyzer/internal/kinds"
)

// TestHookDescriptionNamesEveryKind checks that the pre-commit hook's
// description, which pre-commit shows to users choosing hooks, names the
// package of every pool kind the analyzer checks (issue 27: it named HTTP
// and SQL pools only), as the package documentation and the command's do.
func TestHookDescriptionNamesEveryKind(t *testing.T) {
	data, err := os.ReadFile("../.pre-commit-hooks.yaml")
	if err != nil {
		t.Fatal(err)
	}
	_, hook, ok := strings.Cut(string(data), "\n- id: keepalivelint\n")
	if !ok {
		t.Fatal(".pre-commit-hooks.yaml has no hook keepalivelint")
	}
	hook, _, _ = strings.Cut(hook, "\n- id:")
	m := regexp.MustCompile(`(?m)^  description: (.*)$`).FindStringSubmatch(hook)
	if m == nil {
		t.Fatal(".pre-commit-hooks.yaml: the hook keepalivelint has no description")
	}
	intro, _, _ := strings.Cut(Analyzer.Doc, "\n\nEach finding")
	cmd, err := os.ReadFile("../cmd/keepalivelint/main.go")
	if err != nil {
		t.Fatal(err)
	}
	cmdDoc, _, _ := strings.Cut(string(cmd), "\n//\n")
	for _, k := range kinds.All {
		name := packageName(k.Type[:strings.LastIndex(k.Type, ".")])
		for _, text := range []struct{ where, text string }{
			{".pre-commit-hooks.yaml's description of the hook keepalivelint", m[1]},
			{"doc.go's first paragraphs", intro},
			{"the command's package comment (cmd/keepalivelint/main.go)", strings.Join(strings.Fields(cmdDoc), " ")},
		} {
			if !strings.Contains(strings.ToLower(text.text), name) {
				t.Errorf("%s does not name %s (kind %s): %q", text.where, name, k.Name, text.text)
			}
		}
	}
}

// packageName is the last element of an import path that is not a major
// version suffix, lower-cased: "fiber" for github.com/gofiber/fiber/v2.
func packageName(importPath string) string {
	name := path.Base(importPath)
	if regexp.MustCompile(`^v[0-9]+$`).MatchString(name) {
		name = path.Base(path.Dir(importPath))
	}
	return strings.ToLower(name)
}
