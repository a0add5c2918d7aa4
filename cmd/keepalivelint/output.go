package main

// Output as x/tools' standalone driver prints it: diagnostics as
// file:line:col: message on stderr (with -c N, lines of context), -json as
// one tree on stdout (package ID -> analyzer -> diagnostics); and
// -format=sarif, a translation of that tree (sarif.go).

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"

	"github.com/keepalivelint/keepalivelint/cmd/keepalivelint/internal/incremental"
)

// formats are the values of -format.
var formats = []string{"text", "json", "sarif"}

// checkFormat rejects -format combined with what contradicts it, and
// makes -format=json mean -json.
func (cl *cmdline) checkFormat() error {
	switch {
	case cl.json && cl.format != "" && cl.format != "json":
		return fmt.Errorf("-json is -format=json; it cannot be combined with -format=%s", cl.format)
	case cl.format == "sarif" && (cl.fix || cl.diff):
		return fmt.Errorf("-format=sarif writes the suggested fixes into the log; it cannot be combined with -fix or -diff")
	}
	cl.json = cl.json || cl.format == "json"
	return nil
}

// formatFlag is -format for x/tools' driver, which knows only -json:
// parseArgs has validated it, and -format=sarif never reaches the driver
// (runStandaloneSARIF runs it with -json instead).
type formatFlag struct{}

func (formatFlag) String() string { return "" }
func (formatFlag) Set(v string) error {
	switch v {
	case "json":
		return flag.Set("json", "true")
	case "text", "sarif":
		return nil
	}
	return fmt.Errorf("the formats are %s", strings.Join(formats, ", "))
}

// printIncrementalJSON prints the roots' diagnostics as the standalone
// driver's -json does.
func printIncrementalJSON(res *incremental.Result) {
	os.Stdout.Write(incrementalTree(res))
}

// printIncrementalSARIF prints the -json tree as a SARIF log and returns
// the exit status, 0 as with -json.
func printIncrementalSARIF(res *incremental.Result) int {
	if err := printSARIF(incrementalTree(res), false); err != nil {
		fmt.Fprintf(os.Stderr, "keepalivelint: -format=sarif: %v\n", err)
		return 1
	}
	return 0
}

// incrementalTree is the roots' diagnostics as the standalone driver's
// -json prints them: package ID -> analyzer -> diagnostics.
func incrementalTree(res *incremental.Result) []byte {
	tree := map[string]map[string][]incremental.Diagnostic{}
	for _, root := range res.Roots {
		if len(root.Diagnostics) > 0 {
			tree[root.ID] = map[string][]incremental.Diagnostic{analyzerName(): root.Diagnostics}
		}
	}
	data, _ := json.MarshalIndent(tree, "", "\t") // strings and numbers only
	return append(data, '\n')
}

// printIncrementalText prints each diagnostic once, in the standalone
// driver's order, and returns the exit status: 3 with findings, else 0.
func printIncrementalText(cl cmdline, res *incremental.Result) int {
	type key struct{ posn, end, message string }
	seen := map[key]bool{}
	var out bytes.Buffer
	n := 0
	for _, root := range res.Roots {
		for _, d := range root.Diagnostics {
			k := key{d.Posn, d.End, d.Message}
			if seen[k] {
				continue
			}
			seen[k] = true
			n++
			printPlain(&out, cl.context, d.Posn, d.End, d.Message)
			for _, r := range d.Related {
				printPlain(&out, cl.context, r.Posn, r.End, "\t"+r.Message)
			}
		}
	}
	os.Stderr.Write(out.Bytes())
	if n > 0 {
		return 3
	}
	return 0
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
