// Command keepalivelint reports pooled HTTP transports and database/sql pools
// whose idle connections can outlive a NAT's or load balancer's idle timeout.
//
// Run it alone (keepalivelint ./..., with -fix or -diff) or through go vet
// (go vet -vettool=$(which keepalivelint) ./...). See the analyzer package
// for the rules and flags.
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"strings"

	"github.com/keepalivelint/keepalivelint/analyzer"
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/singlechecker"
)

func main() {
	if err := checkArgs(os.Args[1:]); err != nil {
		usageError(err)
	}
	a := analyzer.Analyzer
	run := a.Run
	// checkArgs has checked the flags; check again once they are parsed, in
	// case a form of the command line escaped it.
	a.Run = func(pass *analysis.Pass) (any, error) {
		if err := analyzer.CheckFlags(); err != nil {
			usageError(err)
		}
		return run(pass)
	}
	singlechecker.Main(a)
}

// usageError reports a bad flag value or combination in one line and exits
// with status 2, the status of a usage error. Under go vet, which runs the
// tool once per package (dependencies included, for their types), the
// message is printed only for the packages go vet reports on.
func usageError(err error) {
	if vetxOnly(os.Args[1:]) {
		// A dependency, run for its types and facts: leave the error to
		// the packages go vet reports on, which fail with it.
		os.Exit(0)
	}
	fmt.Fprintf(os.Stderr, "keepalivelint: %v\n", err)
	os.Exit(2)
}

// checkArgs validates the analyzer's flags on the command line before the
// driver parses them: the flag package would print the whole usage text
// after the error, and go vet would repeat it for every package it builds.
// x/tools offers no hook between its flag parsing and package loading, so
// the values are set on a scratch copy of the analyzer's own flags (their
// flag.Value does the parsing) and the combination is validated.
func checkArgs(args []string) error {
	cfg := analyzer.DefaultConfig()
	fs := flag.NewFlagSet("keepalivelint", flag.ContinueOnError)
	cfg.RegisterFlags(fs)
	for i := 0; i < len(args); i++ {
		arg := args[i]
		if arg == "--" {
			break
		}
		if !strings.HasPrefix(arg, "-") {
			continue // a package pattern, or the value of a driver flag
		}
		name, value, hasValue := strings.Cut(strings.TrimLeft(arg, "-"), "=")
		f := fs.Lookup(name)
		if f == nil {
			continue // the driver's flag
		}
		if b, ok := f.Value.(interface{ IsBoolFlag() bool }); ok && b.IsBoolFlag() {
			continue
		}
		if !hasValue {
			if i+1 >= len(args) {
				return fmt.Errorf("flag -%s needs a value", name)
			}
			i++
			value = args[i]
		}
		if err := fs.Set(name, value); err != nil {
			return fmt.Errorf("-%s: %v", name, err)
		}
	}
	return cfg.Validate()
}

// vetxOnly reports whether go vet runs the tool on a dependency only for
// its facts and types (the last argument is go vet's unit .cfg file).
func vetxOnly(args []string) bool {
	if len(args) == 0 || !strings.HasSuffix(args[len(args)-1], ".cfg") {
		return false
	}
	data, err := os.ReadFile(args[len(args)-1])
	if err != nil {
		return false
	}
	var cfg struct{ VetxOnly bool }
	return json.Unmarshal(data, &cfg) == nil && cfg.VetxOnly
}
