package incremental

import (
	"cmp"
	"go/token"
	"slices"

	"golang.org/x/tools/go/analysis"
)

// A Diagnostic is a finding as x/tools' drivers print it with -json (the
// schema of analysisflags' JSONDiagnostic), which is also how the cache
// keeps it: positions as file:line:column, edits as byte offsets.
type Diagnostic struct {
	Category       string        `json:"category,omitempty"`
	Posn           string        `json:"posn"`
	End            string        `json:"end"`
	Message        string        `json:"message"`
	SuggestedFixes []Fix         `json:"suggested_fixes,omitempty"`
	Related        []RelatedInfo `json:"related,omitempty"`
}

// A Fix is a suggested fix: edits applied together or not at all.
type Fix struct {
	Message string `json:"message"`
	Edits   []Edit `json:"edits"`
}

// An Edit replaces the bytes [Start, End) of a file with New.
type Edit struct {
	Filename string `json:"filename"`
	Start    int    `json:"start"`
	End      int    `json:"end"`
	New      string `json:"new"`
}

// RelatedInfo is a secondary position of a finding.
type RelatedInfo struct {
	Posn    string `json:"posn"`
	End     string `json:"end"`
	Message string `json:"message"`
}

// newDiagnostic converts d as analysisflags' JSONTree.Add does.
func newDiagnostic(fset *token.FileSet, d analysis.Diagnostic) Diagnostic {
	out := Diagnostic{
		Category: d.Category,
		Posn:     fset.Position(d.Pos).String(),
		End:      fset.Position(cmp.Or(d.End, d.Pos)).String(),
		Message:  d.Message,
	}
	for _, f := range d.SuggestedFixes {
		fix := Fix{Message: f.Message}
		for _, e := range normalEdits(fset, f.TextEdits) {
			fix.Edits = append(fix.Edits, Edit{
				Filename: fset.Position(e.Pos).Filename,
				Start:    fset.Position(e.Pos).Offset,
				End:      fset.Position(e.End).Offset,
				New:      string(e.NewText),
			})
		}
		out.SuggestedFixes = append(out.SuggestedFixes, fix)
	}
	for _, r := range d.Related {
		out.Related = append(out.Related, RelatedInfo{
			Posn:    fset.Position(r.Pos).String(),
			End:     fset.Position(cmp.Or(r.End, r.Pos)).String(),
			Message: r.Message,
		})
	}
	return out
}

// normalEdits returns a fix's edits as x/tools' drivers check and keep them
// (driverutil.ValidateFixes): sorted stably by position, an edit without
// an end ending where it starts, and an end just past the end of the file
// (a computed End) at the end of the file.
func normalEdits(fset *token.FileSet, edits []analysis.TextEdit) []analysis.TextEdit {
	edits = slices.Clone(edits)
	slices.SortStableFunc(edits, func(x, y analysis.TextEdit) int {
		return cmp.Or(cmp.Compare(x.Pos, y.Pos), cmp.Compare(x.End, y.End))
	})
	for i := range edits {
		e := &edits[i]
		if !e.End.IsValid() {
			e.End = e.Pos
			continue
		}
		if file := fset.File(e.Pos); file != nil {
			eof := token.Pos(file.Base() + file.Size())
			if fset.File(e.End) != file && e.End < eof+10 {
				e.End = eof
			}
		}
	}
	return edits
}
