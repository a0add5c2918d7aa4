// Command noop is the floor of bench/run.sh: the same driver as
// keepalivelint (singlechecker, which runs as unitchecker under go vet)
// with an analyzer that requires nothing and does nothing. Its cost under
// go vet is what every vettool pays: starting the process, reading the
// unit's .cfg, parsing the package and type-checking it against its
// dependencies' export data.
package main

import (
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/singlechecker"
)

var Analyzer = &analysis.Analyzer{
	Name: "noop",
	Doc:  "noop reports nothing; it measures the cost of the analysis driver alone.",
	Run:  func(*analysis.Pass) (any, error) { return nil, nil },
}

func main() { singlechecker.Main(Analyzer) }
