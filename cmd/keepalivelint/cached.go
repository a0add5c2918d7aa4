package main

// -fix and -fix -diff go through the go command's own fix machinery: the
// command runs go vet -vettool=<itself> -fix [-diff], which keeps each
// package's facts, diagnostics and fixes in the build cache, keyed by the
// tool's -V=full line (a hash of this executable), the flags and the
// package's source and dependencies. Its fixes are computed by the same
// x/tools code as the standalone driver's (one fix per diagnostic,
// conflicting edits skipped, the file gofmt-ed) and applied by the go
// command after every package is analyzed. The command prints the diffs in
// the standalone driver's order, with its exit statuses. The findings they
// fix, and those left after -fix, come from the analysis cache
// (incremental.go) when it can serve the command line: go vet keys its
// results by its flags, so go vet -json would analyze every dependency
// again; else from go vet -json.
//
// The standalone driver runs them instead when go vet cannot (no go
// command, a build cache that cannot be written, -cache=false), and when go
// vet fails before analyzing any package (a pattern that matches nothing, a
// go.mod error, a syntax error go list sees), so that such errors read as
// they always did.

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strings"

	"github.com/keepalivelint/keepalivelint/cmd/keepalivelint/internal/incremental"
)

// inProcessReason says why the command line needs the standalone
// driver instead of go vet -fix, or "" when go vet can run it.
func inProcessReason(cl cmdline) string {
	switch {
	case !cl.fix:
		return "not -fix (the analysis cache failed)"
	case !cl.test:
		return "-test=false (go vet always analyzes test files)"
	case cl.json:
		return "-fix with -json"
	}
	return commonReason(cl)
}

// commonReason says why neither cached path can run the command line:
// what they cannot carry to their driver.
func commonReason(cl cmdline) string {
	switch {
	case !cl.cache:
		return "-cache=false"
	case cl.unknown:
		return "a flag it cannot carry"
	case strings.Trim(cl.debug, "v") != "":
		return "-debug=" + cl.debug
	case cl.profile:
		return "-cpuprofile, -memprofile or -trace"
	}
	for _, p := range cl.packages {
		if strings.HasPrefix(p, "-") {
			return "a package pattern that starts with -"
		}
	}
	return ""
}

// debugf prints a note under -debug (or -v).
func (cl cmdline) debugf(format string, args ...any) {
	if cl.debug != "" || cl.verbose {
		fmt.Fprintf(os.Stderr, "keepalivelint: "+format+"\n", args...)
	}
}

// runCached runs the command line through go vet. ok is false when it
// could not, and the in-process driver must run instead.
func runCached(cl cmdline) (code int, ok bool) {
	if reason := inProcessReason(cl); reason != "" {
		cl.debugf("analyzing in process, without the cache: %s", reason)
		return 0, false
	}
	goCmd, err := exec.LookPath("go")
	if err != nil {
		cl.debugf("analyzing in process, without the cache: no go command: %v", err)
		return 0, false
	}
	exe, err := os.Executable()
	if err == nil {
		exe, err = filepath.EvalSymlinks(exe)
	}
	if err != nil {
		cl.debugf("analyzing in process, without the cache: %v", err)
		return 0, false
	}
	if err := checkCache(goCmd); err != nil {
		cl.debugf("analyzing in process, without the cache: %v", err)
		// go list, which the in-process driver runs, needs a build
		// cache too: a scratch one, in the temporary directory.
		scratch := filepath.Join(os.TempDir(), fmt.Sprintf("keepalivelint-gocache-%d", os.Getuid()))
		if os.MkdirAll(scratch, 0o700) == nil {
			os.Setenv("GOCACHE", scratch)
			cl.debugf("go list uses the scratch build cache %s", scratch)
		}
		return 0, false
	}

	wd, _ := os.Getwd()
	return fixThroughVet(vetter{cl: cl, goCmd: goCmd, exe: exe, wd: wd})
}

// fixThroughVet lists the findings (from the analysis cache, else go vet
// -json), fixes them (go vet -fix [-diff]) unless a package does not load
// or type-check, and says what it fixed and what remains. ok is false when
// go vet could not run.
func fixThroughVet(v vetter) (code int, ok bool) {
	// The findings first: what -fix will have fixed and what it cannot,
	// and whether every package type-checks.
	before, ok := v.cachedFindings()
	if !ok {
		var code int
		if before, code, ok = v.listWithVet(); !ok || code != 0 {
			return code, ok
		}
	}

	mode := []string{"-fix"}
	if v.cl.diff {
		mode = append(mode, "-diff")
	}
	fixed, ok := v.run(mode...)
	if !ok {
		return 0, false
	}
	if code := fixResult(v.cl, fixed.status, fixed.stdout, fixed.sections); code != 0 {
		return code, true
	}

	// What remains: after -fix, the findings of the fixed tree; with
	// -diff (nothing written), those without a fix.
	var after []incremental.Diagnostic
	if v.cl.diff {
		for _, d := range before {
			if len(d.SuggestedFixes) == 0 {
				after = append(after, d)
			}
		}
	} else if after, ok = v.findingsAfterFix(); !ok {
		fmt.Fprintln(os.Stderr, "keepalivelint: -fix: the fixed packages could not be analyzed again")
		return 1, true
	}
	return reportFixes(os.Stderr, v.cl.diff, before, after), true
}

// findingsAfterFix lists the findings of the fixed tree: from the
// analysis cache, which holds every package -fix did not change, else
// from go vet -json. ok is false when neither could analyze it.
func (v vetter) findingsAfterFix() ([]incremental.Diagnostic, bool) {
	if found, ok := v.cachedFindings(); ok {
		return found, true
	}
	if r, ok := v.run("-json"); ok && r.status == 0 {
		found, err := vetFindings(r.stdout)
		return found, err == nil
	}
	return nil, false
}

// cachedFindings lists the findings from the analysis cache, which a
// plain run before -fix has usually filled: go vet -json would analyze
// every dependency again, as go vet keys its results by its flags and
// -json and -fix share none. ok is false when the cache is off or a
// package does not load or type-check; go vet -json lists them then.
func (v vetter) cachedFindings() ([]incremental.Diagnostic, bool) {
	dir, err := cacheDir()
	if err != nil {
		return nil, false
	}
	res, err := analyzeWithCache(v.cl, dir)
	if err != nil {
		v.cl.debugf("listing the findings with go vet -json: the analysis cache cannot: %v", err)
		return nil, false
	}
	found, err := vetFindings(incrementalTree(res))
	if err != nil {
		return nil, false
	}
	return found, true
}

// listWithVet lists the findings with go vet -json. code is the exit
// status when the command must stop here: 1 when a package does not load
// or type-check, said on stderr. ok is false when go vet could not run.
func (v vetter) listWithVet() (found []incremental.Diagnostic, code int, ok bool) {
	r, ok := v.run("-json")
	if !ok {
		return nil, 0, false
	}
	if r.status != 0 && len(r.stdout) == 0 && !r.sections.units {
		// go vet stopped before analyzing anything: the patterns name
		// no package, or the packages do not load. Nothing to fix.
		os.Stderr.WriteString(r.sections.text)
		return nil, 1, true
	}
	found, err := vetFindings(r.stdout)
	if err != nil {
		v.cl.debugf("analyzing in process: go vet -json: %v", err)
		return nil, 0, false
	}
	if r.status != 0 {
		// A package does not load or type-check (go vet -json exits 0
		// otherwise). Fixing the others would leave the tree half
		// fixed without a word: fix nothing, and say why.
		os.Stderr.WriteString(r.sections.text)
		fmt.Fprintln(os.Stderr, "keepalivelint: -fix: nothing fixed: the packages above do not load or type-check; fix them, or name only the packages that do")
		return nil, 1, true
	}
	return found, 0, true
}

// A vetter runs go vet with the command as its tool.
type vetter struct {
	cl         cmdline
	goCmd, exe string
	wd         string // the working directory, against which go vet makes positions relative
}

// A vetRun is what one go vet run left.
type vetRun struct {
	status   int
	stdout   []byte
	sections stderrSections
}

// run runs go vet in mode (-json, -fix, -fix -diff) with the analyzer's
// flags over the packages. ok is false when go vet could not run or its
// cache failed: the in-process driver must run instead.
func (v vetter) run(mode ...string) (r vetRun, ok bool) {
	args := []string{"vet", "-vettool=" + v.exe}
	args = append(args, v.cl.analyzerFlags...)
	args = append(args, mode...)
	args = append(args, v.cl.packages...)
	v.cl.debugf("go %s", strings.Join(args, " "))
	cmd := exec.Command(v.goCmd, args...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		var exit *exec.ExitError
		if !errors.As(err, &exit) {
			v.cl.debugf("analyzing in process: go vet: %v", err)
			return r, false
		}
		r.status = exit.ExitCode()
	}
	if r.status != 0 && cacheTrouble(stderr.String()) {
		v.cl.debugf("analyzing in process: go vet could not use its cache:\n%s", stderr.String())
		return r, false
	}
	r.stdout, r.sections = stdout.Bytes(), parseStderr(stderr.String(), v.wd)
	return r, true
}

// checkCache reports whether go vet can write its build cache; go vet
// fails outright when it cannot (GOCACHE=off, a read-only directory).
func checkCache(goCmd string) error {
	out, err := exec.Command(goCmd, "env", "GOCACHE").Output()
	if err != nil {
		return fmt.Errorf("go env GOCACHE: %v", err)
	}
	dir := strings.TrimSpace(string(out))
	if dir == "" || dir == "off" {
		return fmt.Errorf("the build cache is off (GOCACHE=%q)", dir)
	}
	if err := os.MkdirAll(dir, 0o777); err != nil {
		return fmt.Errorf("build cache %s: %v", dir, err)
	}
	f, err := os.CreateTemp(dir, "keepalivelint-probe-")
	if err != nil {
		return fmt.Errorf("build cache %s is not writable: %v", dir, err)
	}
	f.Close()
	os.Remove(f.Name())
	return nil
}

// cacheTrouble reports whether go vet's errors say the cache or the disk
// failed, rather than the packages.
func cacheTrouble(stderr string) bool {
	for _, s := range []string{"build cache", "no space left on device", "read-only file system", "disk quota exceeded"} {
		if strings.Contains(stderr, s) {
			return true
		}
	}
	return false
}

// stderrSections is go vet's stderr, read back.
type stderrSections struct {
	text  string // what to print: go vet's headers removed, paths absolute
	units bool   // some package's tool run printed something
}

var (
	// posnLine is a line that starts with a position, which go vet
	// makes relative to the working directory.
	posnLine = regexp.MustCompile(`^([^\s:][^:]*\.go)(:\d+(?::\d+)?: )`)
	// header is go vet's "# package" line above a tool's output.
	header = regexp.MustCompile(`^# (\S+(?: \[\S+\])?)$`)
)

// parseStderr removes go vet's "# package" headers and makes the
// positions it made relative absolute again, as the standalone driver
// prints them.
func parseStderr(stderr, wd string) stderrSections {
	var s stderrSections
	var b strings.Builder
	for _, line := range strings.SplitAfter(stderr, "\n") {
		if line == "" {
			continue
		}
		if m := header.FindStringSubmatch(strings.TrimSuffix(line, "\n")); m != nil {
			s.units = true
			continue
		}
		if m := posnLine.FindStringSubmatchIndex(line); m != nil && wd != "" {
			file := line[m[2]:m[3]]
			if !filepath.IsAbs(file) {
				line = filepath.Join(wd, file) + line[m[3]:]
			}
		}
		b.WriteString(line)
	}
	s.text = b.String()
	return s
}

// fixResult translates go vet -fix [-diff]: the diffs, in the order of
// their files as the standalone driver prints them, and its exit status:
// 0 when nothing failed. go vet -fix -diff exits 1 when it printed a
// diff; a failure is told apart by its output on stderr.
func fixResult(cl cmdline, status int, stdout []byte, sections stderrSections) int {
	os.Stdout.Write(sortDiffs(stdout))
	failed := status != 0
	if failed && cl.diff && len(stdout) > 0 && !hasErrors(sections.text) {
		failed = false
	}
	os.Stderr.WriteString(sections.text)
	if failed {
		return 1
	}
	return 0
}

// hasErrors reports whether a tool's stderr under -fix holds more than
// notes of fixes it did not choose.
func hasErrors(text string) bool {
	for _, line := range strings.Split(text, "\n") {
		if line != "" && !strings.Contains(line, ": ignoring alternative fix ") {
			return true
		}
	}
	return false
}

// sortDiffs orders the unified diffs of several files, which go vet
// prints as each package finishes, by file name.
func sortDiffs(out []byte) []byte {
	if len(out) == 0 {
		return out
	}
	lines := strings.SplitAfter(string(out), "\n")
	type chunk struct {
		file string
		text strings.Builder
	}
	var chunks []*chunk
	for i, line := range lines {
		if file, ok := strings.CutPrefix(line, "--- "); ok && strings.HasSuffix(file, " (old)\n") &&
			i+1 < len(lines) && lines[i+1] == "+++ "+strings.TrimSuffix(file, " (old)\n")+" (new)\n" {
			chunks = append(chunks, &chunk{file: strings.TrimSuffix(file, " (old)\n")})
		} else if len(chunks) == 0 {
			chunks = append(chunks, &chunk{})
		}
		chunks[len(chunks)-1].text.WriteString(line)
	}
	sort.SliceStable(chunks, func(i, j int) bool { return chunks[i].file < chunks[j].file })
	var b bytes.Buffer
	for _, c := range chunks {
		b.WriteString(c.text.String())
	}
	return b.Bytes()
}
