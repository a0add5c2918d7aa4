package main

// What -fix says it did: each finding it fixed, each it could not, and an
// exit status that tells them apart (0: nothing remains; 3: findings
// remain, as a plain run would report them).

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"sort"

	"github.com/keepalivelint/keepalivelint/cmd/keepalivelint/internal/incremental"
)

// vetFindings reads go vet -json's output (one JSON tree per package:
// package ID -> analyzer -> diagnostics, or an error object) into the
// findings, each once (a package and its test variant share files), in
// the order of their positions.
func vetFindings(out []byte) ([]incremental.Diagnostic, error) {
	type key struct{ posn, message string }
	seen := map[key]bool{}
	var all []incremental.Diagnostic
	dec := json.NewDecoder(bytes.NewReader(out))
	for dec.More() {
		var tree map[string]map[string]json.RawMessage
		if err := dec.Decode(&tree); err != nil {
			return nil, err
		}
		for _, byAnalyzer := range tree {
			for _, raw := range byAnalyzer {
				var diags []incremental.Diagnostic
				if json.Unmarshal(raw, &diags) != nil {
					continue // {"error": ...}: go vet's stderr says it too
				}
				for _, d := range diags {
					if k := (key{d.Posn, d.Message}); !seen[k] {
						seen[k] = true
						all = append(all, d)
					}
				}
			}
		}
	}
	sort.SliceStable(all, func(i, j int) bool { return posnLess(all[i].Posn, all[j].Posn) })
	return all, nil
}

// posnLess orders file:line:col positions by file, then line, then column.
func posnLess(a, b string) bool {
	fa, la, ca := splitPosn(a)
	fb, lb, cb := splitPosn(b)
	if fa != fb {
		return fa < fb
	}
	if la != lb {
		return la < lb
	}
	return ca < cb
}

// reportFixes writes, for the findings before -fix [-diff] and those after
// (still there, or with -diff without a fix), a line per fixed finding
// (its position and rule), each remaining finding as a plain run prints it,
// and a summary, and returns the exit status: 3 when
// findings remain, else 0. A finding is matched by file and message, since
// a fix above it moves its line.
func reportFixes(w io.Writer, diff bool, before, after []incremental.Diagnostic) int {
	if len(before) == 0 && len(after) == 0 {
		return 0
	}
	type key struct{ file, message string }
	left := map[key]int{}
	for _, d := range after {
		file, _, _ := splitPosn(d.Posn)
		left[key{file, d.Message}]++
	}
	verb := "fixed"
	if diff {
		verb = "the diff fixes"
	}
	nfixed := 0
	for _, d := range before {
		file, _, _ := splitPosn(d.Posn)
		if k := (key{file, d.Message}); left[k] > 0 {
			left[k]--
			continue
		}
		nfixed++
		fmt.Fprintf(w, "keepalivelint: %s %s (%s)\n", verb, d.Posn, d.Category)
	}
	// What remains reads as a finding, as a plain run prints it.
	for _, d := range after {
		fmt.Fprintf(w, "%s: %s\n", d.Posn, d.Message)
	}
	total := nfixed + len(after)
	switch {
	case diff && len(after) > 0:
		fmt.Fprintf(w, "keepalivelint: -fix -diff: the diff fixes %d of %d findings; %d %s no fix\n", nfixed, total, len(after), plural(len(after), "has", "have"))
	case diff:
		fmt.Fprintf(w, "keepalivelint: -fix -diff: the diff fixes all %d findings\n", total)
	case len(after) > 0:
		fmt.Fprintf(w, "keepalivelint: -fix: fixed %d of %d findings; %d %s, with no fix that applies\n", nfixed, total, len(after), plural(len(after), "remains", "remain"))
	default:
		fmt.Fprintf(w, "keepalivelint: -fix: fixed all %d findings\n", total)
	}
	if len(after) > 0 {
		return 3
	}
	return 0
}

// plural returns one when n is 1, else many.
func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
