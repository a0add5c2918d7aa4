package main

// -format=sarif: the findings as a SARIF 2.1.0 log, for GitHub code
// scanning and other SARIF consumers. The log is a translation of what
// -json prints (the package -> analyzer -> diagnostics tree), so the two
// never disagree: on the default path the tree is the analysis cache's,
// and where that path cannot run the command runs itself with -json and
// -cache=false (x/tools' standalone driver, which exits before anything
// could be done with its output in process) and translates what it
// printed. Exit status as with -json: 0, or the standalone driver's 1
// when a package did not load or the analysis failed.

import (
	"bytes"
	"cmp"
	"encoding/json"
	"errors"
	"fmt"
	"go/doc"
	"maps"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"slices"

	"github.com/keepalivelint/keepalivelint/analyzer"
	"github.com/keepalivelint/keepalivelint/cmd/keepalivelint/internal/incremental"
)

const (
	// sarifSchema is the address of the schema the log follows, the one
	// shipped in testdata/sarif.
	sarifSchema = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
	// srcRoot is the base id of the URIs of files under the source root.
	srcRoot = "%SRCROOT%"
	// repoURL is the tool's home page.
	repoURL = "https://github.com/keepalivelint/keepalivelint"
)

// The SARIF 2.1.0 objects the log uses, with the spec's property names.
type (
	sarifLog struct {
		Schema  string     `json:"$schema"`
		Version string     `json:"version"`
		Runs    []sarifRun `json:"runs"`
	}
	sarifRun struct {
		Tool               sarifTool                        `json:"tool"`
		Invocations        []sarifInvocation                `json:"invocations"`
		OriginalURIBaseIDs map[string]sarifArtifactLocation `json:"originalUriBaseIds"`
		ColumnKind         string                           `json:"columnKind"`
		Results            []sarifResult                    `json:"results"`
	}
	sarifTool struct {
		Driver sarifDriver `json:"driver"`
	}
	sarifDriver struct {
		Name           string      `json:"name"`
		Version        string      `json:"version"`
		InformationURI string      `json:"informationUri"`
		Rules          []sarifRule `json:"rules"`
	}
	sarifRule struct {
		ID                   string            `json:"id"`
		ShortDescription     sarifText         `json:"shortDescription"`
		FullDescription      sarifText         `json:"fullDescription"`
		Help                 sarifText         `json:"help"`
		HelpURI              string            `json:"helpUri"`
		DefaultConfiguration sarifRuleDefaults `json:"defaultConfiguration"`
	}
	sarifRuleDefaults struct {
		Level string `json:"level"`
	}
	// sarifText is a message or a multiformatMessageString, as text.
	sarifText struct {
		Text string `json:"text"`
	}
	sarifInvocation struct {
		ExecutionSuccessful        bool                `json:"executionSuccessful"`
		ToolExecutionNotifications []sarifNotification `json:"toolExecutionNotifications,omitempty"`
	}
	sarifNotification struct {
		Level   string    `json:"level"`
		Message sarifText `json:"message"`
	}
	sarifResult struct {
		RuleID           string          `json:"ruleId"`
		RuleIndex        *int            `json:"ruleIndex,omitempty"`
		Level            string          `json:"level"`
		Message          sarifText       `json:"message"`
		Locations        []sarifLocation `json:"locations"`
		RelatedLocations []sarifLocation `json:"relatedLocations,omitempty"`
		Fixes            []sarifFix      `json:"fixes,omitempty"`
	}
	sarifLocation struct {
		PhysicalLocation sarifPhysicalLocation `json:"physicalLocation"`
		Message          *sarifText            `json:"message,omitempty"`
	}
	sarifPhysicalLocation struct {
		ArtifactLocation sarifArtifactLocation `json:"artifactLocation"`
		Region           *sarifRegion          `json:"region,omitempty"`
	}
	sarifArtifactLocation struct {
		URI       string `json:"uri"`
		URIBaseID string `json:"uriBaseId,omitempty"`
	}
	// sarifRegion is a text region (lines from 1, columns in UTF-16 code
	// units from 1, the end column one past the last character) and, for
	// the replacements of a fix, the same bytes as a binary region.
	sarifRegion struct {
		StartLine   int  `json:"startLine"`
		StartColumn int  `json:"startColumn,omitempty"`
		EndLine     int  `json:"endLine,omitempty"`
		EndColumn   int  `json:"endColumn,omitempty"`
		ByteOffset  *int `json:"byteOffset,omitempty"`
		ByteLength  *int `json:"byteLength,omitempty"`
	}
	sarifFix struct {
		Description     sarifText             `json:"description"`
		ArtifactChanges []sarifArtifactChange `json:"artifactChanges"`
	}
	sarifArtifactChange struct {
		ArtifactLocation sarifArtifactLocation `json:"artifactLocation"`
		Replacements     []sarifReplacement    `json:"replacements"`
	}
	sarifReplacement struct {
		DeletedRegion   sarifRegion `json:"deletedRegion"`
		InsertedContent *sarifText  `json:"insertedContent,omitempty"`
	}
)

// printSARIF translates a -json tree into a SARIF log on stdout.
// failed says the run that printed the tree failed (a package did not
// load, the analysis failed).
func printSARIF(tree []byte, failed bool) error {
	wd, err := os.Getwd()
	if err != nil {
		return err
	}
	log, err := buildSARIF(tree, sourceRoot(wd), failed)
	if err != nil {
		return err
	}
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false) // messages quote Go: &http.Transport{}
	enc.SetIndent("", "  ")
	if err := enc.Encode(log); err != nil {
		return err
	}
	_, err = os.Stdout.Write(b.Bytes())
	return err
}

// buildSARIF translates a -json tree: one run, every rule, each
// diagnostic once (a file of a package and of its test variant is
// reported by both, as in the text output), in the order of their
// positions, with URIs relative to root.
func buildSARIF(tree []byte, root string, failed bool) (*sarifLog, error) {
	diags, errs, err := decodeTree(tree)
	if err != nil {
		return nil, err
	}
	rules, index := sarifRules()
	t := newTranslator(root)
	results := []sarifResult{}
	for _, d := range dedupe(diags) {
		results = append(results, t.result(d, index))
	}
	inv := sarifInvocation{ExecutionSuccessful: !failed && len(errs) == 0}
	for _, e := range errs {
		inv.ToolExecutionNotifications = append(inv.ToolExecutionNotifications, sarifNotification{Level: "error", Message: sarifText{e}})
	}
	rootURI := fileURI(root)
	if rootURI[len(rootURI)-1] != '/' {
		rootURI += "/" // the spec: a base URI ends with a slash
	}
	return &sarifLog{
		Schema:  sarifSchema,
		Version: "2.1.0",
		Runs: []sarifRun{{
			Tool: sarifTool{Driver: sarifDriver{
				Name:           analyzerName(),
				Version:        moduleVersion(),
				InformationURI: repoURL,
				Rules:          rules,
			}},
			Invocations:        []sarifInvocation{inv},
			OriginalURIBaseIDs: map[string]sarifArtifactLocation{srcRoot: {URI: rootURI}},
			ColumnKind:         "utf16CodeUnits",
			Results:            results,
		}},
	}, nil
}

// decodeTree reads a -json tree: package ID -> analyzer -> diagnostics,
// or {"error": ...} for a package that could not be analyzed. The errors
// come back as "package: error", sorted.
func decodeTree(data []byte) (diags []incremental.Diagnostic, errs []string, err error) {
	var tree map[string]map[string]json.RawMessage
	if err := json.Unmarshal(data, &tree); err != nil {
		return nil, nil, fmt.Errorf("reading the -json output: %v", err)
	}
	for _, id := range slices.Sorted(maps.Keys(tree)) {
		raw, ok := tree[id][analyzerName()]
		if !ok {
			continue
		}
		var e struct {
			Error string `json:"error"`
		}
		if json.Unmarshal(raw, &e) == nil && e.Error != "" {
			errs = append(errs, id+": "+e.Error)
			continue
		}
		var ds []incremental.Diagnostic
		if err := json.Unmarshal(raw, &ds); err != nil {
			return nil, nil, fmt.Errorf("reading the -json output of %s: %v", id, err)
		}
		diags = append(diags, ds...)
	}
	return diags, errs, nil
}

// dedupe returns each diagnostic once (by position, end and message, as
// the text output does), ordered by file, position, end and message.
func dedupe(diags []incremental.Diagnostic) []incremental.Diagnostic {
	type key struct{ posn, end, message string }
	seen := map[key]bool{}
	var out []incremental.Diagnostic
	for _, d := range diags {
		k := key{d.Posn, d.End, d.Message}
		if !seen[k] {
			seen[k] = true
			out = append(out, d)
		}
	}
	slices.SortStableFunc(out, func(x, y incremental.Diagnostic) int {
		xf, xl, xc := splitPosn(x.Posn)
		yf, yl, yc := splitPosn(y.Posn)
		_, xel, xec := splitPosn(x.End)
		_, yel, yec := splitPosn(y.End)
		return cmp.Or(cmp.Compare(xf, yf), cmp.Compare(xl, yl), cmp.Compare(xc, yc),
			cmp.Compare(xel, yel), cmp.Compare(xec, yec), cmp.Compare(x.Message, y.Message))
	})
	return out
}

// sarifRules describes every rule, in the documentation's order, from its
// documentation (the text -explain prints), and indexes them by id.
func sarifRules() ([]sarifRule, map[string]int) {
	var rules []sarifRule
	index := map[string]int{}
	for _, id := range analyzer.Rules() {
		text, err := analyzer.RuleDoc(id)
		if err != nil {
			text = id // undocumented: the analyzer's TestRulesDocumented fails
		}
		index[id] = len(rules)
		rules = append(rules, sarifRule{
			ID:                   id,
			ShortDescription:     sarifText{new(doc.Package).Synopsis(text)},
			FullDescription:      sarifText{text},
			Help:                 sarifText{text},
			HelpURI:              analyzer.RuleURL(id),
			DefaultConfiguration: sarifRuleDefaults{Level: "warning"},
		})
	}
	return rules, index
}

// A translator turns diagnostics into results, reading each file once to
// turn byte columns and offsets into SARIF's lines and UTF-16 columns.
type translator struct {
	root    string
	sources map[string]*source
}

func newTranslator(root string) *translator {
	return &translator{root: root, sources: map[string]*source{}}
}

func (t *translator) result(d incremental.Diagnostic, index map[string]int) sarifResult {
	r := sarifResult{
		RuleID:    d.Category,
		Level:     "warning",
		Message:   sarifText{d.Message},
		Locations: []sarifLocation{t.location(d.Posn, d.End, "")},
	}
	if i, ok := index[d.Category]; ok {
		r.RuleIndex = &i
	}
	for _, rel := range d.Related {
		r.RelatedLocations = append(r.RelatedLocations, t.location(rel.Posn, rel.End, rel.Message))
	}
	for _, f := range d.SuggestedFixes {
		r.Fixes = append(r.Fixes, t.fix(f))
	}
	return r
}

// location is the region from posn to end (file:line:column, the column
// in bytes, as the -json output has them).
func (t *translator) location(posn, end, message string) sarifLocation {
	file, line, col := splitPosn(posn)
	loc := sarifLocation{PhysicalLocation: sarifPhysicalLocation{ArtifactLocation: t.artifact(file)}}
	if message != "" {
		loc.Message = &sarifText{message}
	}
	if line <= 0 {
		return loc // no position in the file
	}
	endFile, endLine, endCol := splitPosn(end)
	if endFile != file || endLine < line {
		endLine, endCol = line, col
	}
	region := &sarifRegion{StartLine: line, EndLine: endLine}
	if src := t.source(file); src != nil && col > 0 && endCol > 0 {
		region.StartColumn = src.column(line, col)
		region.EndColumn = src.column(endLine, endCol)
	}
	loc.PhysicalLocation.Region = region
	return loc
}

// fix is a suggested fix: its edits, by file in the order of their first
// edit, each file's edits in order, as regions of the unmodified file.
func (t *translator) fix(f incremental.Fix) sarifFix {
	out := sarifFix{Description: sarifText{f.Message}}
	byFile := map[string]int{}
	for _, e := range f.Edits {
		i, ok := byFile[e.Filename]
		if !ok {
			i = len(out.ArtifactChanges)
			byFile[e.Filename] = i
			out.ArtifactChanges = append(out.ArtifactChanges, sarifArtifactChange{ArtifactLocation: t.artifact(e.Filename)})
		}
		rep := sarifReplacement{DeletedRegion: t.byteRegion(e.Filename, e.Start, e.End)}
		if e.New != "" {
			rep.InsertedContent = &sarifText{e.New}
		}
		out.ArtifactChanges[i].Replacements = append(out.ArtifactChanges[i].Replacements, rep)
	}
	return out
}

// byteRegion is the bytes [start, end) of file, as a binary region and,
// when the file can be read, as the same text region.
func (t *translator) byteRegion(file string, start, end int) sarifRegion {
	length := end - start
	region := sarifRegion{ByteOffset: &start, ByteLength: &length}
	if src := t.source(file); src != nil && 0 <= start && start <= end && end <= len(src.data) {
		region.StartLine, region.StartColumn = src.position(start)
		region.EndLine, region.EndColumn = src.position(end)
	}
	return region
}

// artifact is file's location: relative to the source root when under
// it, else absolute.
func (t *translator) artifact(file string) sarifArtifactLocation {
	if rel, err := filepath.Rel(t.root, file); err == nil && filepath.IsLocal(rel) {
		u := url.URL{Path: filepath.ToSlash(rel)}
		return sarifArtifactLocation{URI: u.String(), URIBaseID: srcRoot}
	}
	return sarifArtifactLocation{URI: fileURI(file)}
}

func (t *translator) source(file string) *source {
	src, ok := t.sources[file]
	if !ok {
		if data, err := os.ReadFile(file); err == nil {
			src = newSource(data)
		}
		t.sources[file] = src
	}
	return src
}

// fileURI is the file: URI of an absolute path.
func fileURI(path string) string {
	p := filepath.ToSlash(path)
	if p == "" || p[0] != '/' {
		p = "/" + p // a Windows drive: file:///C:/...
	}
	u := url.URL{Scheme: "file", Path: p}
	return u.String()
}

// sourceRoot is the directory the URIs are relative to: the root of the
// git repository holding dir (what code scanning resolves them against),
// else the root of its module, else dir itself.
func sourceRoot(dir string) string {
	for _, marker := range []string{".git", "go.mod"} {
		for d := dir; ; d = filepath.Dir(d) {
			if _, err := os.Stat(filepath.Join(d, marker)); err == nil {
				return d
			}
			if filepath.Dir(d) == d {
				break
			}
		}
	}
	return dir
}

// runStandaloneSARIF runs the command line where the analysis cache
// cannot: the command runs itself with -json and -cache=false (x/tools'
// standalone driver) and translates its output. Its stderr (load errors)
// is passed on; the exit status is its own. Nothing is printed when it
// printed no tree (it failed before analyzing anything): an empty log
// would tell code scanning that every finding is gone.
func runStandaloneSARIF(cl cmdline, args []string) int {
	exe, err := os.Executable()
	if err != nil {
		fmt.Fprintf(os.Stderr, "keepalivelint: %v\n", err)
		return 1
	}
	childArgs := append([]string{"-json", "-cache=false"}, withoutFormat(args, cl.formatArgs)...)
	cl.debugf("-format=sarif without the analysis cache: %s %q", exe, childArgs)
	cmd := exec.Command(exe, childArgs...)
	var stdout bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, os.Stderr
	status := 0
	if err := cmd.Run(); err != nil {
		var exit *exec.ExitError
		if !errors.As(err, &exit) {
			fmt.Fprintf(os.Stderr, "keepalivelint: %v\n", err)
			return 1
		}
		status = exit.ExitCode()
	}
	if stdout.Len() == 0 {
		return max(status, 1)
	}
	if err := printSARIF(stdout.Bytes(), status != 0); err != nil {
		fmt.Fprintf(os.Stderr, "keepalivelint: -format=sarif: %v\n", err)
		return max(status, 1)
	}
	return status
}

// withoutFormat returns args without the words of the -format flags,
// which parseArgs recorded as [first, last] index pairs.
func withoutFormat(args []string, spans [][2]int) []string {
	var out []string
	for i, a := range args {
		if !slices.ContainsFunc(spans, func(s [2]int) bool { return s[0] <= i && i <= s[1] }) {
			out = append(out, a)
		}
	}
	return out
}
