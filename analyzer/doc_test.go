package analyzer

import (
	"os"
	"strings"
	"testing"
)

// TestCategoriesDocumented checks that doc.go and the README describe every
// diagnostic category, and every preset: they are the user interface.
func TestCategoriesDocumented(t *testing.T) {
	readme, err := os.ReadFile("../README.md")
	if err != nil {
		t.Fatal(err)
	}
	doc := analyzerDoc()
	for _, c := range categories {
		if !strings.Contains(doc, c) {
			t.Errorf("doc.go does not describe category %s", c)
		}
		if !strings.Contains(string(readme), "`"+c+"`") {
			t.Errorf("README.md does not describe category %s", c)
		}
	}
	for _, p := range Presets {
		if !strings.Contains(doc, p.Name) {
			t.Errorf("doc.go does not list preset %s", p.Name)
		}
		if !strings.Contains(string(readme), "`"+p.Name+"`") {
			t.Errorf("README.md does not list preset %s", p.Name)
		}
	}
	for _, d := range InProcessDrivers {
		if !strings.Contains(doc, d) || !strings.Contains(string(readme), "`"+d+"`") {
			t.Errorf("in-process driver %s is not documented in both doc.go and README.md", d)
		}
	}
}
