// Command keepalivelint reports connection pools whose idle connections can
// outlive a NAT's or load balancer's idle timeout (net/http and x/net/http2
// transports, database/sql pools, gRPC channels) and servers (net/http,
// fasthttp, Fiber) that close idle connections before the load balancer in
// front of them does.
//
// Run it alone (keepalivelint ./..., with -fix or -diff) or through go vet
// (go vet -vettool=$(which keepalivelint) ./...). keepalivelint -explain
// RULE prints the documentation of a rule, keepalivelint -version the
// version. See the analyzer package for the rules and flags.
package main

import (
	"crypto/sha256"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"runtime"
	"runtime/debug"
	"slices"
	"strconv"
	"strings"

	"github.com/keepalivelint/keepalivelint/analyzer"
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/singlechecker"
)

func main() {
	args := os.Args[1:]
	cl, err := parseArgs(args)
	switch {
	case cl.version:
		fmt.Println(versionLine())
		os.Exit(0)
	case cl.explain != nil:
		explain(*cl.explain)
	case err != nil:
		usageError(err)
	case len(cl.packages) == 0 && !cl.help && !cl.protocol:
		shortUsage(os.Stderr)
		os.Exit(2)
	case unitMode(cl.packages):
		logUnit(cl.packages[0])
	case !cl.help && !cl.protocol:
		// Package patterns: with the analysis cache when it can (-fix
		// and -diff: through go vet and the build cache).
		passTags(cl.tags)
		if code, ok := runIncremental(cl); ok {
			os.Exit(code)
		}
		if cl.format == "sarif" {
			os.Exit(runStandaloneSARIF(cl, args))
		}
		if code, ok := runCached(cl); ok {
			os.Exit(code)
		}
	}

	// -help prints the full help; a flag the driver does not know prints
	// its error and the short usage (flag.CommandLine.Usage is what the
	// flag package calls in both cases).
	flag.CommandLine.Usage = func() {
		if cl.help {
			fullHelp(flag.CommandLine.Output())
		} else {
			shortUsage(flag.CommandLine.Output())
		}
	}
	// Our -V replaces the driver's (it registers its own only when none
	// exists), to print the module version in go vet's format.
	flag.Var(versionFlag{}, "V", "print version and exit (-V=full: with the build ID, for go vet)")
	if !unitMode(cl.packages) && !cl.protocol {
		// Only for the command: go vet would take it for the tool's.
		flag.Bool("cache", true, "keep results between runs: each package's facts, findings and types, in $KEEPALIVELINT_CACHE or the user cache directory (-fix and -diff: in the build cache, through go vet); false: analyze every package from source")
		flag.Var(formatFlag{}, "format", "output `format`: text, json (the same as -json) or sarif (SARIF 2.1.0 on stdout, for GitHub code scanning; exit status as with -json)")
	}

	a := analyzer.Analyzer
	run := a.Run
	// parseArgs has checked the flags; check again once they are parsed,
	// in case a form of the command line escaped it.
	a.Run = func(pass *analysis.Pass) (any, error) {
		if err := analyzer.CheckFlags(); err != nil {
			usageError(err)
		}
		return run(pass)
	}
	singlechecker.Main(a)
}

// passTags hands -tags to every go command the command runs, through
// GOFLAGS: go list of the analysis cache and of x/tools' driver (whose own
// -tags has no effect) and go vet -fix. A -tags on the command line comes
// after GOFLAGS' own, and wins, as it would on go build's command line.
func passTags(tags string) {
	if tags == "" {
		return
	}
	// GOFLAGS is split at spaces: the tags go comma-separated, as go
	// build also takes them.
	flag := "-tags=" + strings.Join(strings.FieldsFunc(tags, func(r rune) bool { return r == ',' || r == ' ' }), ",")
	os.Setenv("GOFLAGS", strings.TrimSpace(os.Getenv("GOFLAGS")+" "+flag))
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

// A cmdline is what the command line asks for, before the driver parses
// it.
type cmdline struct {
	packages []string // package patterns, or go vet's .cfg file
	help     bool     // -h, -help
	protocol bool     // -V or -flags: go vet asks for the version or the flags
	version  bool     // -version
	explain  *string  // -explain RULE

	// For the cached path (cached.go):
	analyzerFlags []string // the analyzer's flags, as -name=value, in order
	json          bool     // -json or -format=json
	format        string   // -format: text, json, sarif, or "" (text, or json with -json)
	formatArgs    [][2]int // the first and last index of each -format flag's words
	fix, diff     bool     // -fix, -diff
	test          bool     // -test (default true)
	cache         bool     // -cache (default true)
	tags          string   // -tags
	verbose       bool     // -v
	debug         string   // -debug
	context       int      // -c (default -1)
	profile       bool     // -cpuprofile, -memprofile or -trace
	unknown       bool     // a flag neither the driver nor the analyzer has, or a bad value
}

// unitMode reports whether go vet runs the tool on one package, described
// by a .cfg file.
func unitMode(packages []string) bool {
	return len(packages) == 1 && strings.HasSuffix(packages[0], ".cfg")
}

// logUnit appends the unit's .cfg file to $KEEPALIVELINT_UNIT_LOG, when
// set: the tests count the packages go vet runs the tool on.
func logUnit(cfg string) {
	name := os.Getenv("KEEPALIVELINT_UNIT_LOG")
	if name == "" {
		return
	}
	if f, err := os.OpenFile(name, os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o644); err == nil {
		fmt.Fprintln(f, cfg)
		f.Close()
	}
}

// analyzerName is the analyzer's name, which prefixes its errors.
func analyzerName() string { return analyzer.Analyzer.Name }

// driverValueFlags are the flags of x/tools' driver (singlechecker) that
// take a value, so that the word after them is not a package pattern.
// TestDriverValueFlags checks the list against the driver's -help.
var driverValueFlags = []string{"c", "cpuprofile", "debug", "memprofile", "tags", "trace"}

// parseArgs reads the command line before the driver does: it finds the
// package patterns and the command's own flags (-version, -explain), and
// validates the analyzer's flags. Validating first matters: the flag
// package would print the whole usage text after an error, and go vet
// would repeat it for every package it builds. x/tools offers no hook
// between its flag parsing and package loading, so the values are set on
// a scratch copy of the analyzer's own flags (their flag.Value does the
// parsing) and the combination is validated.
func parseArgs(args []string) (cmdline, error) {
	cl := cmdline{test: true, context: -1, cache: true}
	cfg := analyzer.DefaultConfig()
	fs := flag.NewFlagSet("keepalivelint", flag.ContinueOnError)
	cfg.RegisterFlags(fs)
	for i := 0; i < len(args); i++ {
		arg := args[i]
		if arg == "--" {
			cl.packages = append(cl.packages, args[i+1:]...)
			break
		}
		if !strings.HasPrefix(arg, "-") || arg == "-" {
			cl.packages = append(cl.packages, arg)
			continue
		}
		name, value, hasValue := strings.Cut(strings.TrimLeft(arg, "-"), "=")
		// next returns the flag's value: after = or the next word.
		next := func() (string, error) {
			if hasValue {
				return value, nil
			}
			if i+1 >= len(args) {
				return "", fmt.Errorf("flag -%s needs a value", name)
			}
			i++
			return args[i], nil
		}
		switch name {
		case "h", "help":
			cl.help = true
			continue
		case "V", "flags":
			cl.protocol = true
			continue
		case "version":
			cl.version = !hasValue || value == "true"
			continue
		case "explain":
			rule, err := next()
			if err != nil {
				return cl, fmt.Errorf("flag -explain needs a rule: %s", strings.Join(analyzer.Rules(), ", "))
			}
			cl.explain = &rule
			continue
		case "format":
			first := i
			v, err := next()
			if err != nil {
				return cl, fmt.Errorf("flag -format needs a value: %s", strings.Join(formats, ", "))
			}
			if !slices.Contains(formats, v) {
				return cl, fmt.Errorf("-format=%s: the formats are %s", v, strings.Join(formats, ", "))
			}
			cl.format = v
			cl.formatArgs = append(cl.formatArgs, [2]int{first, i})
			continue
		}
		if slices.Contains(driverValueFlags, name) {
			v, err := next()
			if err != nil {
				return cl, err
			}
			switch name {
			case "c":
				n, err := strconv.Atoi(v)
				if err != nil {
					cl.unknown = true // the driver reports it
				}
				cl.context = n
			case "debug":
				cl.debug = v
			case "tags":
				cl.tags = v
			case "cpuprofile", "memprofile", "trace":
				cl.profile = cl.profile || v != ""
			}
			continue
		}
		f := fs.Lookup(name)
		if f == nil {
			// A boolean flag of the driver, or an unknown one it reports.
			b := true
			if hasValue {
				var err error
				if b, err = strconv.ParseBool(value); err != nil {
					cl.unknown = true
				}
			}
			switch name {
			case "json":
				cl.json = b
			case "fix":
				cl.fix = b
			case "diff":
				cl.diff = b
			case "test":
				cl.test = b
			case "cache":
				cl.cache = b
			case "v":
				cl.verbose = b
			case "all", "source":
			default:
				cl.unknown = true
			}
			continue
		}
		if b, ok := f.Value.(interface{ IsBoolFlag() bool }); ok && b.IsBoolFlag() {
			if hasValue {
				if _, err := strconv.ParseBool(value); err != nil {
					cl.unknown = true
				}
				cl.analyzerFlags = append(cl.analyzerFlags, "-"+name+"="+value)
			} else {
				cl.analyzerFlags = append(cl.analyzerFlags, "-"+name)
			}
			continue
		}
		v, err := next()
		if err != nil {
			return cl, err
		}
		if err := fs.Set(name, v); err != nil {
			return cl, fmt.Errorf("-%s: %v", name, err)
		}
		cl.analyzerFlags = append(cl.analyzerFlags, "-"+name+"="+v)
	}
	if err := cl.checkFormat(); err != nil {
		return cl, err
	}
	return cl, cfg.Validate()
}

// explain prints the documentation of rule, as staticcheck -explain does,
// and exits: 0, or 2 for an unknown rule.
func explain(rule string) {
	text, err := analyzer.Explain(rule)
	if err != nil {
		fmt.Fprintf(os.Stderr, "keepalivelint: -explain: %v\n", err)
		os.Exit(2)
	}
	fmt.Print(text)
	os.Exit(0)
}

// moduleVersion is the version of the keepalivelint module the binary was
// built from: v0.1.0 when installed with go install ...@v0.1.0, a
// pseudo-version when installed from a commit, (devel) when built in a
// checkout.
func moduleVersion() string {
	info, ok := debug.ReadBuildInfo()
	if !ok || info.Main.Version == "" {
		return "(devel)"
	}
	return info.Main.Version
}

// versionLine is what -version prints: the module version and the Go
// version it was built with.
func versionLine() string {
	return fmt.Sprintf("keepalivelint version %s %s", moduleVersion(), runtime.Version())
}

// versionFlag is -V. go vet runs the tool with -V=full to key its cache
// (cmd/go's toolID): the output must be "NAME version VERSION ...", and
// when VERSION contains "devel" its last field must be buildID=ID. go vet
// then uses the ID, and otherwise the whole line, which here ends with a
// hash of the executable either way, so a rebuilt tool is never mistaken
// for the old one.
type versionFlag struct{}

func (versionFlag) IsBoolFlag() bool { return true }
func (versionFlag) Get() any         { return nil }
func (versionFlag) String() string   { return "" }
func (versionFlag) Set(s string) error {
	switch s {
	case "full":
		id, err := executableHash()
		if err != nil {
			return err
		}
		fmt.Printf("%s buildID=%s\n", versionLine(), id)
	case "true":
		fmt.Println(versionLine())
	default:
		return fmt.Errorf("use -V or -V=full")
	}
	os.Exit(0)
	return nil
}

func executableHash() (string, error) {
	exe, err := os.Executable()
	if err != nil {
		return "", err
	}
	f, err := os.Open(exe)
	if err != nil {
		return "", err
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return "", err
	}
	return fmt.Sprintf("%02x", h.Sum(nil)), nil
}

// summary is the first line of the analyzer's documentation.
func summary() string {
	first, _, _ := strings.Cut(analyzer.Analyzer.Doc, "\n")
	return first
}

// shortUsage is printed when no package is given, or a flag is unknown:
// what the tool does, the analysis flags (generated from the analyzer's
// flag set, so that none is left out), the command's common flags, where
// the documentation is.
func shortUsage(w io.Writer) {
	var presets []string
	for _, p := range analyzer.Presets {
		presets = append(presets, p.Name)
	}
	fmt.Fprintf(w, `keepalivelint: %s

Usage: keepalivelint [-flag] package ...      (for example: keepalivelint ./...)

Analysis flags (the same in go vet and in the golangci-lint plugin):
%s
Command flags:
  -fix -diff             show the suggested fixes as a diff; -fix applies them
  -json                  JSON output; -format=sarif: SARIF, for GitHub code scanning
  -tags=list             build tags, as for go build
  -explain RULE          explain a rule, named at the end of each finding
  -version               print the version

keepalivelint -help lists every flag and rule. Documentation: %s
`, summary(), analysisFlags(presets), analyzer.DocURL)
}

// analysisFlags lists the analyzer's flags, but the deprecated ones, each
// with the first clause of its usage; -max-idle with its presets.
func analysisFlags(presets []string) string {
	cfg := analyzer.DefaultConfig()
	fs := flag.NewFlagSet("keepalivelint", flag.ContinueOnError)
	cfg.RegisterFlags(fs)
	var b strings.Builder
	fs.VisitAll(func(f *flag.Flag) {
		name, usage := flag.UnquoteUsage(f)
		if strings.HasPrefix(usage, "deprecated") {
			return
		}
		for _, sep := range []string{": ", " (", "; "} {
			usage, _, _ = strings.Cut(usage, sep)
		}
		left := "  -" + f.Name
		if name != "" {
			left += "=" + name
		}
		fmt.Fprintf(&b, "%-24s %s\n", left, strings.TrimSpace(wrap(strings.Fields(usage), 25, 80, "")))
		if f.Name == "max-idle" {
			fmt.Fprintf(&b, "%s\n", wrap(append([]string{"presets:"}, presets...), 25, 80, ""))
		}
	})
	return b.String()
}

// wrap lists words, each but the last followed by sep, in lines indented
// by indent spaces and at most width long.
func wrap(words []string, indent, width int, sep string) string {
	var b strings.Builder
	line := strings.Repeat(" ", indent)
	for i, w := range words {
		if i < len(words)-1 {
			w += sep
		}
		if len(line) > indent && len(line)+1+len(w) > width {
			b.WriteString(strings.TrimRight(line, " ") + "\n")
			line = strings.Repeat(" ", indent)
		}
		if len(line) > indent {
			line += " "
		}
		line += w
	}
	b.WriteString(line)
	return b.String()
}

// fullHelp is -help: the analyzer's documentation and every flag.
func fullHelp(w io.Writer) {
	doc := analyzer.Analyzer.Doc
	_, rest, _ := strings.Cut(doc, "\n\n")
	fmt.Fprintf(w, `keepalivelint: %s

Usage: keepalivelint [-flag] package ...
       keepalivelint -explain RULE     print the documentation of a rule
       keepalivelint -version          print the version
       go vet -vettool=$(command -v keepalivelint) [-flag] package ...

%s

Rules (keepalivelint -explain RULE):
%s

Flags:
`, summary(), strings.TrimSpace(rest), wrap(analyzer.Rules(), 2, 80, ","))
	if f := flag.Lookup("tags"); f != nil {
		// x/tools' driver calls it "no effect (deprecated)": the command
		// passes it to the go command in every path.
		f.Usage = "comma-separated `list` of build tags, as for go build (also GOFLAGS=-tags=...)"
	}
	flag.CommandLine.SetOutput(w)
	flag.PrintDefaults()
	fmt.Fprintf(w, "\nDocumentation: %s\n", analyzer.DocURL)
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
