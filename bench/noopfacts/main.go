// Command noopfacts is the floor of bench/facts.sh for a facts-based
// analyzer: the same driver as keepalivelint (singlechecker, which runs as
// unitchecker under go vet), an analyzer that requires inspect.Analyzer like
// keepalivelint, and declares a fact type, but does nothing and exports no
// fact.
//
// Declaring a fact type is what changes the cost: the standalone driver then
// loads and type-checks every dependency from source (packages.LoadAllSyntax
// instead of export data for all but the root packages) and runs the
// analyzer, with its inspector, on each of them; under go vet, which runs
// the tool on every dependency anyway (VetxOnly), the analyzer and the
// inspector now run there too, and the (empty) facts of each package are
// decoded by its importers and encoded into its vetx output.
package main

import (
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/analysis/singlechecker"
)

// noFact is declared and never exported. It has an exported field so that
// gob, with which the drivers encode facts, could encode it.
type noFact struct{ N int }

func (*noFact) AFact()         {}
func (*noFact) String() string { return "noFact" }

var Analyzer = &analysis.Analyzer{
	Name:      "noopfacts",
	Doc:       "noopfacts requires inspect, declares a fact type, exports nothing and reports nothing.",
	Requires:  []*analysis.Analyzer{inspect.Analyzer},
	FactTypes: []analysis.Fact{new(noFact)},
	Run:       func(*analysis.Pass) (any, error) { return nil, nil },
}

func main() { singlechecker.Main(Analyzer) }
