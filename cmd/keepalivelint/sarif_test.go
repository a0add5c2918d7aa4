package main

import (
	"encoding/json"
	"maps"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode/utf16"

	"github.com/keepalivelint/keepalivelint/analyzer"
)

// sarifOut is the part of a SARIF log the tests read.
type sarifOut struct {
	Runs []struct {
		Tool struct {
			Driver struct {
				Name, Version, InformationURI string
				Rules                         []struct {
					ID                                string
					ShortDescription, FullDescription sarifText
					HelpURI                           string
				}
			}
		}
		Invocations []struct {
			ExecutionSuccessful bool
		}
		OriginalURIBaseIDs map[string]sarifArtifactLocation
		ColumnKind         string
		Results            []sarifResult
	}
}

// runSARIF runs the command with -format=sarif in dir, checks the log
// against the SARIF 2.1.0 schema and decodes it.
func runSARIF(t *testing.T, dir string, args ...string) (result, sarifOut) {
	t.Helper()
	r := run(t, dir, binary, append([]string{"-format=sarif"}, args...)...)
	inst, err := decodeJSON([]byte(r.stdout))
	if err != nil {
		t.Fatalf("-format=sarif: not JSON: %v\n%v", err, r)
	}
	if errs := sarifSchemaFile(t).validate(inst); len(errs) > 0 {
		t.Fatalf("-format=sarif: the log violates the SARIF 2.1.0 schema:\n%s", strings.Join(errs, "\n"))
	}
	var log sarifOut
	if err := json.Unmarshal([]byte(r.stdout), &log); err != nil {
		t.Fatal(err)
	}
	if len(log.Runs) != 1 {
		t.Fatalf("-format=sarif: %d runs, want 1", len(log.Runs))
	}
	return r, log
}

// incidentRepo copies the example module into a directory of a git
// repository (a .git directory is what marks one): the URIs are relative
// to the repository's root, as code scanning resolves them.
func incidentRepo(t *testing.T) (repo, dir string) {
	repo = t.TempDir()
	dir = filepath.Join(repo, "services", "payouts")
	copyDir(t, fixture(t, "incident"), dir)
	if err := os.Mkdir(filepath.Join(repo, ".git"), 0o755); err != nil {
		t.Fatal(err)
	}
	return repo, dir
}

// The log on the example module: valid against the schema; the tool, its
// version and every rule with its documentation; each finding of -json
// once, with its rule, location, related locations and fixes; the same
// bytes from the analysis cache and from the standalone driver.
func TestSARIF(t *testing.T) {
	t.Parallel()
	repo, dir := incidentRepo(t)
	s := incident(t, dir)
	r, log := runSARIF(t, dir, "./...")
	if r.code != 0 || r.stderr != "" {
		t.Fatalf("-format=sarif with findings: want exit status 0 (as -json) and nothing on stderr, got %v", r)
	}
	lr := log.Runs[0]
	driver := lr.Tool.Driver
	version := strings.Fields(readVersion(t))[2]
	if driver.Name != "keepalivelint" || driver.Version != version || driver.InformationURI != repoURL {
		t.Errorf("tool: got %q %q %q, want keepalivelint, %q (what -version prints) and %s", driver.Name, driver.Version, driver.InformationURI, version, repoURL)
	}
	var ids, shorts []string
	for _, rule := range driver.Rules {
		ids = append(ids, rule.ID)
		shorts = append(shorts, rule.ShortDescription.Text)
		explained, err := analyzer.Explain(rule.ID)
		if err != nil || !strings.Contains(explained, "\n\n"+rule.FullDescription.Text+"\n\n") {
			t.Errorf("rule %s: the full description is not the text -explain prints: %q", rule.ID, rule.FullDescription.Text)
		}
		if full := strings.Join(strings.Fields(rule.FullDescription.Text), " "); !strings.HasPrefix(full, rule.ShortDescription.Text) || !strings.HasSuffix(rule.ShortDescription.Text, ".") {
			t.Errorf("rule %s: the short description %q is not the documentation's first sentence", rule.ID, rule.ShortDescription.Text)
		}
		if rule.HelpURI != analyzer.RuleURL(rule.ID) {
			t.Errorf("rule %s: helpUri %s, want %s", rule.ID, rule.HelpURI, analyzer.RuleURL(rule.ID))
		}
	}
	if !slices.Equal(ids, analyzer.Rules()) {
		t.Errorf("rules %v, want every rule in the documentation's order: %v", ids, analyzer.Rules())
	}
	if slices.Sort(shorts); len(slices.Compact(shorts)) != len(ids) {
		t.Errorf("two rules share a short description: %q", shorts)
	}

	if base := lr.OriginalURIBaseIDs[srcRoot].URI; base != fileURI(repo)+"/" {
		t.Errorf("originalUriBaseIds: %s is %q, want the repository's root %q", srcRoot, base, fileURI(repo)+"/")
	}
	if lr.ColumnKind != "utf16CodeUnits" || len(lr.Invocations) != 1 || !lr.Invocations[0].ExecutionSuccessful {
		t.Errorf("columnKind %q, invocations %+v: want utf16CodeUnits and one successful invocation", lr.ColumnKind, lr.Invocations)
	}
	want := map[string]struct {
		line int
		rule string
	}{
		"services/payouts/scheduler/scheduler.go": {s.schedulerLine, "no-idle-timeout"},
		"services/payouts/ledger/ledger.go":       {s.ledgerLine, "idle-timeout-too-long"},
	}
	jsonRun := runJSON(t, dir)
	if len(lr.Results) != len(want) || len(jsonRun) != len(want) {
		t.Fatalf("%d results and %d -json diagnostics, want %d each: %+v", len(lr.Results), len(jsonRun), len(want), lr.Results)
	}
	for _, res := range lr.Results {
		loc := res.Locations[0].PhysicalLocation
		w, ok := want[loc.ArtifactLocation.URI]
		if !ok || loc.ArtifactLocation.URIBaseID != srcRoot {
			t.Errorf("result at %+v: want a URI relative to %s among %v", loc.ArtifactLocation, srcRoot, want)
			continue
		}
		if res.RuleID != w.rule || res.RuleIndex == nil || ids[*res.RuleIndex] != w.rule || res.Level != "warning" {
			t.Errorf("%s: rule %s (index %v), level %s; want %s and its index, warning", loc.ArtifactLocation.URI, res.RuleID, res.RuleIndex, res.Level, w.rule)
		}
		if loc.Region == nil || loc.Region.StartLine != w.line {
			t.Errorf("%s: region %+v, want line %d", loc.ArtifactLocation.URI, loc.Region, w.line)
		}
		if d := jsonRun[filepath.Base(loc.ArtifactLocation.URI)]; d.Message != res.Message.Text || len(res.Fixes) != len(d.Fixes) {
			t.Errorf("%s: message %q and %d fixes, want those of -json: %q, %d", loc.ArtifactLocation.URI, res.Message.Text, len(res.Fixes), d.Message, len(d.Fixes))
		}
	}

	standalone := run(t, dir, binary, "-cache=false", "-format=sarif", "./...")
	if standalone.code != r.code || standalone.stdout != r.stdout {
		t.Errorf("-cache=false -format=sarif differs from the cached path's log:\ncached: %v\nstandalone: %v", r, standalone)
	}

	applied := t.TempDir()
	copyDir(t, repo, applied)
	applySARIFFixes(t, log, applied)
	if r := run(t, dir, binary, "-fix", "./..."); r.code != 0 {
		t.Fatalf("-fix: %v", r)
	}
	if readFile(t, filepath.Join(s.dir, "scheduler", "scheduler.go")) == readFile(t, filepath.Join(fixture(t, "incident"), "scheduler", "scheduler.go")) {
		t.Fatal("-fix did not change scheduler.go")
	}
	sameTrees(t, repo, applied)
}

// The fix objects of a module whose files take several fixes, fixes of
// several edits (an import and a field), related locations, and a finding
// after characters that take more than one byte, or two UTF-16 code
// units: applied, they give the bytes -fix writes.
func TestSARIFFixesApply(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: two more runs of the analysis; TestSARIF covers the log and its fixes")
	}
	t.Parallel()
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "go.mod"), []byte("module example.com/fixes\n\ngo 1.26\n"), 0o644)
	for _, pkg := range []string{"sqlfix", "loneimport", "multilinelit", "serverfix"} {
		copyDir(t, filepath.Join(fixture(t, "src"), "fixes", pkg), filepath.Join(dir, pkg))
		os.Remove(filepath.Join(dir, pkg, pkg+".go.golden"))
	}
	os.Mkdir(filepath.Join(dir, "unicode"), 0o755)
	writeTestFile(t, filepath.Join(dir, "unicode", "unicode.go"), `package unicode

import "net/http"

// Clients are keyed by a name with letters outside ASCII, one outside the
// Basic Multilingual Plane: the findings' columns count UTF-16 code units.
var Clients = map[string]*http.Transport{"é𝄞": &http.Transport{}}
`)
	r, log := runSARIF(t, dir, "./...")
	if r.code != 0 {
		t.Fatalf("-format=sarif: %v", r)
	}
	perFile := map[string]int{}
	multiEdit, related := false, false
	for _, res := range log.Runs[0].Results {
		loc := res.Locations[0].PhysicalLocation
		perFile[loc.ArtifactLocation.URI] += len(res.Fixes)
		for _, f := range res.Fixes {
			multiEdit = multiEdit || len(f.ArtifactChanges[0].Replacements) > 1
		}
		related = related || len(res.RelatedLocations) > 0
		if loc.ArtifactLocation.URI == "unicode/unicode.go" {
			line := strings.Split(readFile(t, filepath.Join(dir, "unicode", "unicode.go")), "\n")[loc.Region.StartLine-1]
			_, _, byteCol := splitPosn(runJSON(t, dir)["unicode.go"].Posn)
			if want := len(utf16.Encode([]rune(line[:byteCol-1]))) + 1; loc.Region.StartColumn != want || byteCol-want != 3 {
				t.Errorf("unicode.go: start column %d (byte column %d), want %d UTF-16 code units", loc.Region.StartColumn, byteCol, want)
			}
		}
	}
	if perFile["sqlfix/sqlfix.go"] < 3 || !multiEdit || !related || perFile["unicode/unicode.go"] != 1 {
		t.Fatalf("the module does not exercise what it is for: fixes per file %v, a fix of several edits %v, related locations %v", perFile, multiEdit, related)
	}

	applied := t.TempDir()
	copyDir(t, dir, applied)
	applySARIFFixes(t, log, applied)
	if r := run(t, dir, binary, "-fix", "./..."); r.code != 0 {
		t.Fatalf("-fix: %v", r)
	}
	sameTrees(t, dir, applied)
}

// runJSON returns the -json diagnostics by the base name of their file.
func runJSON(t *testing.T, dir string) map[string]jsonDiag {
	t.Helper()
	diags, _ := parseJSON(t, run(t, dir, binary, "-json", "./...").stdout)
	out := map[string]jsonDiag{}
	for _, ds := range diags {
		for _, d := range ds {
			file, _, _ := splitPosn(d.Posn)
			out[filepath.Base(file)] = d
		}
	}
	return out
}

func readVersion(t *testing.T) string {
	t.Helper()
	return run(t, t.TempDir(), binary, "-version").stdout
}

// applySARIFFixes applies the first fix of each result to the files
// under root, which stands for the run's source root, as -fix merges
// them: in order, an edit identical to one already taken taken once (two
// fixes adding the same import), a fix that overlaps one already taken
// left out. The replacements' regions are regions of the unmodified
// files; each text region must name the same bytes as its binary region.
func applySARIFFixes(t *testing.T, log sarifOut, root string) {
	t.Helper()
	type edit struct {
		start, end int
		text       string
	}
	edits := map[string][]edit{}
	for _, res := range log.Runs[0].Results {
		if len(res.Fixes) == 0 {
			continue
		}
		fix := map[string][]edit{}
		for _, change := range res.Fixes[0].ArtifactChanges {
			loc := change.ArtifactLocation
			if loc.URIBaseID != srcRoot {
				t.Fatalf("fix of a file outside the source root: %+v", loc)
			}
			rel, err := url.PathUnescape(loc.URI)
			if err != nil {
				t.Fatal(err)
			}
			file := filepath.Join(root, filepath.FromSlash(rel))
			data := []byte(readFile(t, file))
			for _, rep := range change.Replacements {
				reg := rep.DeletedRegion
				start, end := *reg.ByteOffset, *reg.ByteOffset+*reg.ByteLength
				if ts, te := textOffset(data, reg.StartLine, reg.StartColumn), textOffset(data, reg.EndLine, reg.EndColumn); ts != start || te != end {
					t.Errorf("%s: text region %+v is bytes [%d, %d), binary region [%d, %d)", rel, reg, ts, te, start, end)
				}
				var text string
				if rep.InsertedContent != nil {
					text = rep.InsertedContent.Text
				}
				fix[file] = append(fix[file], edit{start, end, text})
			}
		}
		merged := maps.Clone(edits)
		for file, es := range fix {
			for _, e := range es {
				switch {
				case slices.Contains(merged[file], e):
				case slices.ContainsFunc(merged[file], func(a edit) bool { return e.start < a.end && a.start < e.end }):
					t.Logf("%s: a fix overlaps one taken before; left out, as -fix does", file)
					merged = edits
				default:
					merged[file] = append(slices.Clone(merged[file]), e)
				}
			}
		}
		edits = merged
	}
	for file, es := range edits {
		slices.SortStableFunc(es, func(x, y edit) int { return x.start - y.start })
		data := []byte(readFile(t, file))
		var out []byte
		at := 0
		for _, e := range es {
			if e.start < at {
				t.Fatalf("%s: overlapping replacements at byte %d", file, e.start)
			}
			out = append(append(out, data[at:e.start]...), e.text...)
			at = e.end
		}
		if err := os.WriteFile(file, append(out, data[at:]...), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// textOffset is the byte offset of a line and UTF-16 column (from 1).
func textOffset(data []byte, line, col int) int {
	off := 0
	for range line - 1 {
		off += strings.IndexByte(string(data[off:]), '\n') + 1
	}
	for units := 1; units < col; {
		r := []rune(string(data[off:]))[0]
		units += len(utf16.Encode([]rune{r}))
		off += len(string(r))
	}
	return off
}

// sameTrees fails unless the Go files under a and b are the same.
func sameTrees(t *testing.T, a, b string) {
	t.Helper()
	n := 0
	filepath.WalkDir(a, func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || filepath.Ext(path) != ".go" {
			return err
		}
		rel, _ := filepath.Rel(a, path)
		n++
		if got, want := readFile(t, filepath.Join(b, rel)), readFile(t, path); got != want {
			t.Errorf("%s: the SARIF fixes give\n%s\n-fix writes\n%s", rel, got, want)
		}
		return nil
	})
	if n == 0 {
		t.Errorf("no Go file under %s", a)
	}
}

// A package that does not type-check: the log holds what was analyzed,
// says the run failed and why, and the exit status is -json's.
func TestSARIFLoadErrors(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: two more runs of the analysis; TestSARIF covers the log and its fixes")
	}
	t.Parallel()
	dir := fixture(t, "broken")
	r, log := runSARIF(t, dir, "./...")
	if j := run(t, dir, binary, "-json", "./..."); r.code != j.code || r.code == 0 {
		t.Errorf("exit status %d, want -json's (%d), not 0", r.code, j.code)
	}
	inv := log.Runs[0].Invocations
	if len(inv) != 1 || inv[0].ExecutionSuccessful || len(log.Runs[0].Results) != 1 {
		t.Errorf("want one failed invocation and the finding in leaky, got %+v and %d results", inv, len(log.Runs[0].Results))
	}
	if !strings.Contains(r.stdout, `"text": "example.com/broken/typeerr: analysis skipped due to errors in package"`) ||
		!strings.Contains(r.stderr, "typeerr.go:") {
		t.Errorf("want the package that failed among the notifications and its errors on stderr: %v", r)
	}
}

// -format takes text, json (which -json is) or sarif; anything else, or a
// combination that contradicts it, is a usage error.
func TestFormatFlag(t *testing.T) {
	dir := t.TempDir()
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"-format=xml", "./..."}, "keepalivelint: -format=xml: the formats are text, json, sarif\n"},
		{[]string{"-format"}, "keepalivelint: flag -format needs a value: text, json, sarif\n"},
		{[]string{"-json", "-format=sarif", "./..."}, "keepalivelint: -json is -format=json; it cannot be combined with -format=sarif\n"},
		{[]string{"-format=sarif", "-fix", "-diff", "./..."}, "keepalivelint: -format=sarif writes the suggested fixes into the log; it cannot be combined with -fix or -diff\n"},
	} {
		if r := run(t, dir, binary, tc.args...); r.code != 2 || r.stdout != "" || r.stderr != tc.want {
			t.Errorf("%q: want exit status 2 and %q, got %v", tc.args, tc.want, r)
		}
	}

	args := []string{"-max-idle=aws-alb", "-format", "sarif", "./a", "-format=json", "-format=sarif", "./b"}
	cl, err := parseArgs(args)
	if err != nil || cl.format != "sarif" || cl.json {
		t.Fatalf("parseArgs(%q) = %+v, %v; want -format=sarif", args, cl, err)
	}
	if got, want := withoutFormat(args, cl.formatArgs), []string{"-max-idle=aws-alb", "./a", "./b"}; !slices.Equal(got, want) {
		t.Errorf("without -format: %q, want %q", got, want)
	}
	for _, args := range [][]string{{"-format=json", "./..."}, {"-json", "-format", "json", "./..."}} {
		if cl, err := parseArgs(args); err != nil || !cl.json {
			t.Errorf("parseArgs(%q): %v, json %v; want JSON output", args, err, cl.json)
		}
	}
}

// Byte columns and offsets become lines and UTF-16 columns: é is two
// bytes and one unit, 𝄞 four bytes and two units (a surrogate pair).
func TestSARIFColumns(t *testing.T) {
	src := newSource([]byte("ab\né𝄞x\n"))
	for _, tc := range []struct{ line, byteCol, want int }{
		{1, 1, 1}, {1, 3, 3}, {2, 1, 1}, {2, 3, 2}, {2, 7, 4}, {2, 8, 5}, {3, 1, 1},
	} {
		if got := src.column(tc.line, tc.byteCol); got != tc.want {
			t.Errorf("line %d, byte column %d: column %d, want %d", tc.line, tc.byteCol, got, tc.want)
		}
	}
	for _, tc := range []struct{ offset, line, col int }{
		{0, 1, 1}, {2, 1, 3}, {3, 2, 1}, {5, 2, 2}, {9, 2, 4}, {10, 2, 5}, {11, 3, 1},
	} {
		if line, col := src.position(tc.offset); line != tc.line || col != tc.col {
			t.Errorf("offset %d: %d:%d, want %d:%d", tc.offset, line, col, tc.line, tc.col)
		}
		if got := textOffset(src.data, tc.line, tc.col); got != tc.offset {
			t.Errorf("textOffset(%d:%d) = %d, want %d", tc.line, tc.col, got, tc.offset)
		}
	}
}
