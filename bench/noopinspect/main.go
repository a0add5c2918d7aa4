// Command noopinspect is an optional second floor of bench/run.sh
// (INSPECT_FLOOR=1): the no-op analyzer of bench/noop, but requiring
// inspect.Analyzer, so that the driver builds the shared inspector for every
// package, as it does for keepalivelint. (a) minus this floor is the cost
// of keepalivelint's own walk; this floor minus (b) is the inspector's.
package main

import (
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/analysis/singlechecker"
)

var Analyzer = &analysis.Analyzer{
	Name:     "noopinspect",
	Doc:      "noopinspect requires inspect and does nothing.",
	Requires: []*analysis.Analyzer{inspect.Analyzer},
	Run:      func(*analysis.Pass) (any, error) { return nil, nil },
}

func main() { singlechecker.Main(Analyzer) }
