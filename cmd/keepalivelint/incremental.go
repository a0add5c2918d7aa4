package main

// The default path of the command: the in-process driver with a cache
// (package incremental). It prints what x/tools' standalone driver
// prints, with the same exit statuses; what it does not handle falls back
// to that driver: -fix and -diff (go vet -fix, cached.go), -cache=false,
// profiles, -debug other than v, and packages that do not load or
// type-check (reported by the standalone driver as they always were).

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"

	"github.com/keepalivelint/keepalivelint/analyzer"
	"github.com/keepalivelint/keepalivelint/cmd/keepalivelint/internal/incremental"
	"golang.org/x/tools/go/analysis"
)

// incrementalReason says why the command line needs another driver, or ""
// when the incremental one runs it.
func incrementalReason(cl cmdline) string {
	if cl.fix || cl.diff {
		return "-fix or -diff"
	}
	return commonReason(cl)
}

// cacheDir is where the incremental driver keeps its entries: analysis/
// under $KEEPALIVELINT_CACHE, or under keepalivelint in the user's cache
// directory (next to the go command's go-build). KEEPALIVELINT_CACHE=off
// turns the cache off.
func cacheDir() (string, error) {
	base := os.Getenv("KEEPALIVELINT_CACHE")
	switch base {
	case "off":
		return "", fmt.Errorf("KEEPALIVELINT_CACHE=off")
	case "":
		dir, err := os.UserCacheDir()
		if err != nil {
			return "", err
		}
		base = filepath.Join(dir, "keepalivelint")
	}
	abs, err := filepath.Abs(base)
	if err != nil {
		return "", err
	}
	return filepath.Join(abs, "analysis"), nil
}

// runIncremental runs the command line with the incremental driver. ok is
// false when another driver must run it.
func runIncremental(cl cmdline) (code int, ok bool) {
	if reason := incrementalReason(cl); reason != "" {
		cl.debugf("not using the analysis cache: %s", reason)
		return 0, false
	}
	dir, err := cacheDir()
	if err != nil {
		if os.Getenv("KEEPALIVELINT_CACHE") != "off" {
			cacheOff(err)
		}
		cl.debugf("not using the analysis cache: %v", err)
		return 0, false
	}
	res, err := analyzeWithCache(cl, dir)
	var none *incremental.NoPackageError
	if errors.As(err, &none) {
		// Nothing to analyze: what the go command said, as go vet
		// prints it.
		for _, msg := range none.Messages {
			fmt.Fprintln(os.Stderr, msg)
		}
		return 1, true
	}
	if unwritable := (*incremental.UnwritableError)(nil); errors.As(err, &unwritable) {
		cacheOff(unwritable)
	}
	if err != nil {
		cl.debugf("not using the analysis cache: %v", err)
		return 0, false
	}
	if res.Unwritable != nil {
		cacheOff(res.Unwritable)
	}
	for _, note := range res.Notes {
		cl.debugf("analysis cache: %s", note)
	}
	cl.debugf("analysis cache %s: %d packages, %d reused", dir, res.Packages, res.Reused)
	switch {
	case cl.format == "sarif":
		return printIncrementalSARIF(res), true
	case cl.json:
		printIncrementalJSON(res)
		return 0, true
	}
	return printIncrementalText(cl, res), true
}

// analyzeWithCache runs the incremental driver on the command line's
// packages with its cache at dir. Runs with the same analyzer flags,
// -test and -tags share its entries, whatever else their command lines
// ask for (-json, -format, or the findings -fix lists first).
func analyzeWithCache(cl cmdline, dir string) (*incremental.Result, error) {
	if err := setAnalyzerFlags(analyzer.Analyzer, cl.analyzerFlags); err != nil {
		usageError(err)
	}
	tool, err := executableHash()
	if err != nil {
		return nil, err
	}
	return incremental.Run(incremental.Options{
		Analyzers: []*analysis.Analyzer{analyzer.Analyzer},
		Patterns:  cl.packages,
		Tests:     cl.test,
		Tags:      cl.tags,
		Tool:      fmt.Sprintf("%s %s flags %q test=%v tags=%q", versionLine(), tool, cl.analyzerFlags, cl.test, cl.tags),
		CacheDir:  dir,
	})
}

// cacheOff says, once, that the analysis cache cannot be used and why:
// every run is then a cold one, which a user would otherwise only notice
// as slowness. KEEPALIVELINT_CACHE=off and -cache=false say nothing.
func cacheOff(why error) {
	cacheOffOnce.Do(func() {
		fmt.Fprintf(os.Stderr, "keepalivelint: analysis cache off: %v (set KEEPALIVELINT_CACHE to a writable directory, or to off)\n", why)
	})
}

var cacheOffOnce sync.Once

// setAnalyzerFlags sets the analyzer's flags from the command line (as
// -name=value or -name), which parseArgs has validated.
func setAnalyzerFlags(a *analysis.Analyzer, flags []string) error {
	for _, f := range flags {
		name, value, hasValue := strings.Cut(strings.TrimPrefix(f, "-"), "=")
		if !hasValue {
			value = "true"
		}
		if err := a.Flags.Set(name, value); err != nil {
			return fmt.Errorf("-%s: %v", name, err)
		}
	}
	return analyzer.CheckFlags()
}
