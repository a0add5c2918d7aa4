// Command keepalivelint reports pooled HTTP transports and database/sql pools
// whose idle connections can outlive a NAT's or load balancer's idle timeout.
//
// Run it alone (keepalivelint ./..., with -fix or -diff) or through go vet
// (go vet -vettool=$(which keepalivelint) ./...). See the analyzer package
// for the rules and flags.
package main

import (
	"fmt"
	"os"

	"github.com/keepalivelint/keepalivelint/analyzer"
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/singlechecker"
)

func main() {
	a := analyzer.Analyzer
	run := a.Run
	// Each flag is checked when parsed; their combination (-fix-idle below
	// -max-idle) can only be checked once all are parsed, which is when the
	// first package is analyzed. A bad combination is a usage error: exit 2.
	a.Run = func(pass *analysis.Pass) (any, error) {
		if err := analyzer.CheckFlags(); err != nil {
			fmt.Fprintf(os.Stderr, "keepalivelint: %v\n", err)
			os.Exit(2)
		}
		return run(pass)
	}
	singlechecker.Main(a)
}
