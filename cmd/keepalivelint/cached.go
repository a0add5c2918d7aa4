package main

// The cached path: keepalivelint PATTERNS runs go vet with itself as the
// tool, so that each package's facts, diagnostics and fixes are kept in the
// go command's build cache, keyed by the tool's -V=full line (a hash of
// this executable), the flags and the package's source and dependencies. A
// second run over an unchanged tree replays the cached results instead of
// loading and analyzing every dependency from source, as x/tools'
// standalone driver (singlechecker) does on every run.
//
// go vet runs the tool with -json (go vet's own text mode does the same
// internally, so both share cache entries when given the same flags); the
// command reads the JSON of every package back and prints it the way the
// standalone driver does: diagnostics as file:line:col: message on stderr
// (with -c N context), -json as one tree on stdout, and the documented exit
// statuses. -fix and -fix -diff are go vet -fix [-diff], whose fixes are
// computed by the same x/tools code as the standalone driver's (one fix per
// diagnostic, conflicting edits skipped, the file gofmt-ed) and applied by
// the go command after every package is analyzed.
//
// The in-process driver stays the default, and for what go vet cannot do or carry (no -cache,
// -test=false, -debug other than v, profiles, no go command, a build cache
// that cannot be written), and when go vet fails before analyzing any package
// (a pattern that matches nothing, a go.mod error, a syntax error go list
// sees), so that such errors read as they always did.

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"go/parser"
	"go/token"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
)

// inProcessReason says why the command line needs the in-process driver,
// or "" when go vet can run it.
func inProcessReason(cl cmdline) string {
	switch {
	case !cl.cache:
		return "-cache=false"
	case !cl.fix:
		return "not -fix (the analysis cache failed)"
	case cl.unknown:
		return "a flag go vet cannot carry"
	case !cl.test:
		return "-test=false (go vet always analyzes test files)"
	case strings.Trim(cl.debug, "v") != "":
		return "-debug=" + cl.debug
	case cl.profile:
		return "-cpuprofile, -memprofile or -trace"
	case cl.fix && cl.json:
		return "-fix with -json"
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

	args := []string{"vet", "-vettool=" + exe}
	args = append(args, cl.analyzerFlags...)
	switch {
	case cl.fix && cl.diff:
		args = append(args, "-fix", "-diff")
	case cl.fix:
		args = append(args, "-fix")
	default:
		// Last, as go vet appends it in its text mode: the same tool
		// flags, the same cache entries as go vet -vettool=keepalivelint.
		args = append(args, "-json")
	}
	args = append(args, cl.packages...)
	cl.debugf("go %s", strings.Join(args, " "))

	cmd := exec.Command(goCmd, args...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err = cmd.Run()
	status := 0
	if err != nil {
		var exit *exec.ExitError
		if !errors.As(err, &exit) {
			cl.debugf("analyzing in process: go vet: %v", err)
			return 0, false
		}
		status = exit.ExitCode()
	}
	if status != 0 && cacheTrouble(stderr.String()) {
		cl.debugf("analyzing in process: go vet could not use its cache:\n%s", stderr.String())
		return 0, false
	}
	wd, _ := os.Getwd()
	sections := parseStderr(stderr.String(), wd)
	if status != 0 && stdout.Len() == 0 && !sections.units {
		// go vet stopped before analyzing anything: the packages did not
		// load. The in-process driver reports it as it always has, and
		// analyzes what did load.
		cl.debugf("analyzing in process: go vet failed before analyzing a package (exit status %d):\n%s", status, stderr.String())
		return 0, false
	}

	if cl.fix {
		return fixResult(cl, status, stdout.Bytes(), sections), true
	}
	tree, err := decodeTrees(stdout.Bytes())
	if err != nil {
		cl.debugf("analyzing in process: reading go vet's output: %v", err)
		return 0, false
	}
	failed := status != 0
	for _, id := range sections.failed {
		if failed {
			tree.addError(id, "analysis skipped due to errors in package")
		}
	}
	if cl.json {
		os.Stderr.WriteString(sections.text)
		tree.print(os.Stdout)
		if failed {
			return 1, true
		}
		return 0, true
	}
	return printText(cl, tree, failed, sections), true
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
	text   string   // what to print: go vet's headers removed, paths absolute
	failed []string // the IDs of the packages whose sections hold output
	units  bool     // some package's tool run printed something
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
			s.failed = append(s.failed, m[1])
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

// A jsonTree is the standalone driver's -json output: package ID ->
// analyzer -> diagnostics, or {"error": ...}.
type jsonTree map[string]map[string]json.RawMessage

// decodeTrees merges the JSON trees go vet prints one after another.
func decodeTrees(data []byte) (jsonTree, error) {
	tree := jsonTree{}
	dec := json.NewDecoder(bytes.NewReader(data))
	for {
		var t jsonTree
		if err := dec.Decode(&t); err == io.EOF {
			break
		} else if err != nil {
			return nil, err
		}
		for id, byAnalyzer := range t {
			tree.addUnit(id, byAnalyzer)
		}
	}
	return tree, nil
}

// addUnit adds the results of one of go vet's units under the IDs the
// standalone driver gives them. go vet analyzes a package together with
// its in-package tests, under the package's path, where the standalone
// driver (go/packages with tests) analyzes the package alone ("p") and
// with its tests ("p [p.test]"); an external test package is "p_test" to
// go vet and "p_test [p.test]" to the standalone driver.
func (t jsonTree) addUnit(id string, byAnalyzer map[string]json.RawMessage) {
	files := diagnosticFiles(byAnalyzer)
	if len(files) == 0 {
		t.add(id, byAnalyzer)
		return
	}
	if base, ok := strings.CutSuffix(id, "_test"); ok && allTestFiles(files) {
		t.add(id+" ["+base+".test]", byAnalyzer)
		return
	}
	alone := map[string]json.RawMessage{}
	for name, raw := range byAnalyzer {
		if raw = withoutTestFiles(raw); raw != nil {
			alone[name] = raw
		}
	}
	t.add(id, alone)
	if hasInternalTests(filepath.Dir(files[0])) {
		t.add(id+" ["+id+".test]", byAnalyzer)
	}
}

// diagnosticFiles lists the files of the diagnostics.
func diagnosticFiles(byAnalyzer map[string]json.RawMessage) []string {
	var files []string
	for _, raw := range byAnalyzer {
		var diags []diagnostic
		if json.Unmarshal(raw, &diags) != nil {
			continue
		}
		for _, d := range diags {
			file, _, _ := splitPosn(d.Posn)
			files = append(files, file)
		}
	}
	sort.Strings(files)
	return files
}

func allTestFiles(files []string) bool {
	for _, f := range files {
		if !strings.HasSuffix(f, "_test.go") {
			return false
		}
	}
	return true
}

// hasInternalTests reports whether dir has _test.go files of the package
// itself, not of an external _test package.
func hasInternalTests(dir string) bool {
	names, _ := filepath.Glob(filepath.Join(dir, "*_test.go"))
	for _, name := range names {
		f, err := parser.ParseFile(token.NewFileSet(), name, nil, parser.PackageClauseOnly)
		if err == nil && !strings.HasSuffix(f.Name.Name, "_test") {
			return true
		}
	}
	return false
}

// withoutTestFiles returns the diagnostics of raw outside _test.go files,
// an error unchanged, or nil when nothing is left.
func withoutTestFiles(raw json.RawMessage) json.RawMessage {
	var diags []map[string]json.RawMessage
	if json.Unmarshal(raw, &diags) != nil {
		return raw // an error
	}
	var kept []json.RawMessage
	var list []json.RawMessage
	json.Unmarshal(raw, &list)
	for i, d := range diags {
		var posn string
		json.Unmarshal(d["posn"], &posn)
		if file, _, _ := splitPosn(posn); !strings.HasSuffix(file, "_test.go") {
			kept = append(kept, list[i])
		}
	}
	if len(kept) == 0 {
		return nil
	}
	out, _ := json.Marshal(kept)
	return out
}

func (t jsonTree) add(id string, byAnalyzer map[string]json.RawMessage) {
	if len(byAnalyzer) == 0 {
		return
	}
	if t[id] == nil {
		t[id] = map[string]json.RawMessage{}
	}
	for name, raw := range byAnalyzer {
		t[id][name] = raw
	}
}

var testVariant = regexp.MustCompile(`^(\S+) \[(\S+)\.test\]$`)

// testVariantOf returns p for the ID "p [p.test]".
func testVariantOf(id string) (string, bool) {
	m := testVariant.FindStringSubmatch(id)
	if m == nil || m[1] != m[2] {
		return "", false
	}
	return m[1], true
}

// addError records that the package id could not be analyzed, as the
// standalone driver does.
func (t jsonTree) addError(id, msg string) {
	raw, _ := json.Marshal(map[string]string{"error": msg})
	ids := []string{id}
	if base, ok := testVariantOf(id); ok {
		ids = append(ids, base)
	}
	for _, id := range ids {
		t.add(id, map[string]json.RawMessage{analyzerName(): raw})
	}
}

// print writes the tree as the standalone driver's -json does.
func (t jsonTree) print(w io.Writer) {
	data, err := json.MarshalIndent(t, "", "\t")
	if err != nil {
		panic(err) // raw messages decoded from JSON
	}
	fmt.Fprintf(w, "%s\n", data)
}

// A diagnostic of the JSON output, as printText needs it.
type diagnostic struct {
	Posn    string `json:"posn"`
	End     string `json:"end"`
	Message string `json:"message"`
	Related []struct {
		Posn    string `json:"posn"`
		End     string `json:"end"`
		Message string `json:"message"`
	} `json:"related"`
}

// printText prints the diagnostics and errors as the standalone driver
// does and returns its exit status: the errors first, then each
// diagnostic once, by package (in the order of their import paths, as go
// list gives them to the standalone driver), in the order reported.
func printText(cl cmdline, tree jsonTree, failed bool, sections stderrSections) int {
	var out bytes.Buffer
	out.WriteString(sections.text)
	code := 0
	if failed {
		code = 1
		for range sections.failed {
			fmt.Fprintf(&out, "%s: analysis skipped due to errors in package\n", analyzerName())
		}
	}
	type key struct{ posn, end, message string }
	seen := map[key]bool{}
	var diags []diagnostic
	ids := make([]string, 0, len(tree))
	for id := range tree {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	for _, id := range ids {
		for name, raw := range tree[id] {
			var list []diagnostic
			if err := json.Unmarshal(raw, &list); err != nil {
				var e struct {
					Error string `json:"error"`
				}
				if json.Unmarshal(raw, &e) == nil && e.Error != "" && !failed {
					fmt.Fprintf(&out, "%s: %s\n", name, e.Error)
					code = 1
				}
				continue
			}
			for _, d := range list {
				k := key{d.Posn, d.End, d.Message}
				if !seen[k] {
					seen[k] = true
					diags = append(diags, d)
				}
			}
		}
	}
	for _, d := range diags {
		printPlain(&out, cl.context, d.Posn, d.End, d.Message)
		for _, r := range d.Related {
			printPlain(&out, cl.context, r.Posn, r.End, "\t"+r.Message)
		}
	}
	os.Stderr.Write(out.Bytes())
	if code == 0 && len(diags) > 0 {
		code = 3
	}
	return code
}

// printPlain prints a diagnostic as x/tools' driver does: the position
// and message, and with -c N the lines from N before the start to N after
// the end.
func printPlain(w io.Writer, context int, posn, end, message string) {
	fmt.Fprintf(w, "%s: %s\n", posn, message)
	if context < 0 {
		return
	}
	file, line, _ := splitPosn(posn)
	endLine := line
	if f, l, _ := splitPosn(end); f == file && l > 0 {
		endLine = l
	}
	data, _ := os.ReadFile(file)
	lines := strings.Split(string(data), "\n")
	for i := line - context; i <= endLine+context; i++ {
		if 1 <= i && i <= len(lines) {
			fmt.Fprintf(w, "%d\t%s\n", i, lines[i-1])
		}
	}
}

// splitPosn splits "file:line:col".
func splitPosn(posn string) (file string, line, col int) {
	i := strings.LastIndexByte(posn, ':')
	if i < 0 {
		return posn, 0, 0
	}
	j := strings.LastIndexByte(posn[:i], ':')
	if j < 0 {
		return posn, 0, 0
	}
	line, err1 := strconv.Atoi(posn[j+1 : i])
	col, err2 := strconv.Atoi(posn[i+1:])
	if err1 != nil || err2 != nil {
		return posn, 0, 0
	}
	return posn[:j], line, col
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
