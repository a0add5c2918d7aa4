package analyzer_test

import (
	"path/filepath"
	"testing"

	"github.com/keepalivelint/keepalivelint/analyzer"
	"golang.org/x/tools/go/analysis/analysistest"
)

func testdata(t *testing.T) string {
	dir, err := filepath.Abs("../testdata")
	if err != nil {
		t.Fatal(err)
	}
	return dir
}

func TestLiteral(t *testing.T) {
	analysistest.Run(t, testdata(t), analyzer.Analyzer, "literal")
}
