// Package fix builds a finding's suggested fix as text edits that leave
// gofmt-clean code gofmt-clean, by the kind's fix style: a field added to
// a literal, a setter call after the statement that stores the pool, an
// option added to an opener's call, a value replaced.
package fix

import (
	"bytes"
	"fmt"
	"go/ast"
	"go/format"
	"go/token"
	"go/types"
	"strconv"
	"strings"
	"time"

	"golang.org/x/tools/go/analysis"

	"github.com/keepalivelint/keepalivelint/analyzer/internal/index"
	"github.com/keepalivelint/keepalivelint/analyzer/internal/judge"
	"github.com/keepalivelint/keepalivelint/analyzer/internal/kinds"
	"github.com/keepalivelint/keepalivelint/analyzer/internal/values"
)

// A Fixer builds suggested fixes as text edits that leave gofmt-clean code
// gofmt-clean: each edit is applied to a copy of its declaration, the copy
// is formatted, and the edit is widened to what formatting changed (the
// alignment of the literal's other fields, trailing comments).
type Fixer struct {
	src  *Source
	idle time.Duration
	// serverIdle is the bound fixes give a server: above its balancer's.
	serverIdle time.Duration
	files      map[*token.File]*fileText
}

type fileText struct {
	src []byte
}

// A Source is what fixes read of the package: its syntax, its types and
// its files' text.
type Source struct {
	Fset      *token.FileSet
	TypesInfo *types.Info
	Pkg       *types.Package
	Files     []*ast.File
	ReadFile  func(filename string) ([]byte, error)
}

func New(src *Source, idle, serverIdle time.Duration) *Fixer {
	return &Fixer{src: src, idle: idle, serverIdle: serverIdle, files: map[*token.File]*fileText{}}
}

// Fix returns the suggested fix for finding f, by its kind's fix style, or
// nil when no edit is obviously right (an unset field of a pool that is not
// a literal, a value that is not a constant expression, a pool not stored
// by a simple statement).
func (fx *Fixer) Fix(f judge.Finding) []analysis.SuggestedFix {
	unset := f.Value == nil || (f.Knob != "" && !f.Pool.Kind.IsBound(f.Knob))
	switch {
	case unset && f.Pool.Kind.Fix == kinds.FixSetter:
		return fx.setterFix(f.Pool)
	case unset && f.Pool.Kind.Fix == kinds.FixOption:
		return fx.optionFix(f.Pool)
	}
	idle := fx.idle
	if f.Pool.Kind.Server {
		idle = fx.serverIdle
	}
	pos, build := fx.fieldEdit(f, idle)
	if build == nil {
		return nil
	}
	file := fx.fileOf(pos)
	if file == nil {
		return nil
	}
	timeName, importEdits, ok := fx.timePackage(file, pos)
	if !ok {
		return nil
	}
	start, end, text := build(timeName)
	edit, ok := fx.formatted(start, end, text)
	if !ok {
		return nil
	}
	message := fmt.Sprintf("Set %s to %s", f.Pool.Kind.FirstBound().Name, values.Seconds(idle))
	if f.Knob != "" {
		message = fmt.Sprintf("Set %s to %s", f.Knob, values.Seconds(idle))
	}
	return []analysis.SuggestedFix{{
		Message:   message,
		TextEdits: append([]analysis.TextEdit{edit}, importEdits...),
	}}
}

// An edit builds a fix's text edit once the name of package time at its
// position is known.
type edit func(timeName string) (start, end token.Pos, text string)

// fieldEdit returns where the fix of a field knob goes and how to build
// it: the bound added to the pool's literal or to a new(T) made a
// literal, or a constant value replaced; nil when none is obviously
// right. A value that stands for an unset bound (a server's ReadTimeout
// for its IdleTimeout) is not replaced: the bound is set instead.
func (fx *Fixer) fieldEdit(f judge.Finding, idle time.Duration) (token.Pos, edit) {
	bound := f.Pool.Kind.FirstBound().Name
	v := f.Value
	if v != nil && v.From != "" {
		if kv := literalKey(f.Pool.Lit, bound); kv != nil {
			v = &values.Value{Expr: kv.Value} // IdleTimeout: 0
		} else {
			v = nil
		}
	}
	switch {
	case v == nil && f.Pool.Lit != nil:
		lit := f.Pool.Lit
		return lit.Lbrace, func(t string) (token.Pos, token.Pos, string) {
			return fx.insertElem(lit.Elts, lit.Lbrace, lit.Rbrace, bound+": "+values.DurationExpr(idle, t))
		}
	case v == nil && f.Pool.Origin == index.FromZero && f.Pool.Call == nil && isCall(f.Pool.Node): // new(T)
		call := f.Pool.Node.(*ast.CallExpr)
		return call.Pos(), func(t string) (token.Pos, token.Pos, string) {
			return call.Pos(), call.End(), fmt.Sprintf("&%s{%s: %s}", fx.source(call.Args[0]), bound, values.DurationExpr(idle, t))
		}
	case v != nil && v.OptDefault != nil && v.OptDefault.Expr != nil && fx.isConstantExpr(v.OptDefault.Expr):
		// A default that configuration gives (a flag's): lowered where it
		// is declared.
		e := v.OptDefault.Expr
		return e.Pos(), func(t string) (token.Pos, token.Pos, string) {
			return e.Pos(), e.End(), values.DurationExpr(idle, t)
		}
	case v != nil && v.Expr != nil && fx.isConstantExpr(v.Expr):
		e := v.Expr
		return e.Pos(), func(t string) (token.Pos, token.Pos, string) {
			return e.Pos(), e.End(), values.DurationExpr(idle, t)
		}
	}
	return token.NoPos, nil
}

// literalKey returns the element of lit that sets field name, or nil.
func literalKey(lit *ast.CompositeLit, name string) *ast.KeyValueExpr {
	if lit == nil {
		return nil
	}
	for _, elt := range lit.Elts {
		if kv, ok := elt.(*ast.KeyValueExpr); ok {
			if id, ok := kv.Key.(*ast.Ident); ok && id.Name == name {
				return kv
			}
		}
	}
	return nil
}

func isCall(n ast.Node) bool {
	_, ok := n.(*ast.CallExpr)
	return ok
}

// isConstantExpr reports whether e itself is a constant expression, so that
// replacing it loses no reference to a variable or a named setting.
func (fx *Fixer) isConstantExpr(e ast.Expr) bool {
	tv, ok := fx.src.TypesInfo.Types[e]
	return ok && tv.Value != nil
}

// insertElem returns the edit that adds text as the last element of a
// list (a literal's fields, a call's arguments) between open and close:
// after the last element of a one-line list, on a line of its own before
// the closing token of a multi-line one.
func (fx *Fixer) insertElem(elts []ast.Expr, open, close token.Pos, text string) (token.Pos, token.Pos, string) {
	if len(elts) == 0 {
		return open + 1, close, text
	}
	tf := fx.src.Fset.File(close)
	last := elts[len(elts)-1]
	if tf.Line(last.End()) == tf.Line(close) {
		// One line: the element list may end with a comma.
		between := fx.sourceRange(last.End(), close)
		if strings.Contains(between, ",") {
			return close, close, " " + text
		}
		return last.End(), last.End(), ", " + text
	}
	lineStart := tf.LineStart(tf.Line(close))
	return lineStart, lineStart, text + ",\n"
}

// optionFix adds the kind's first bound option (grpc.WithIdleTimeout(d))
// to the arguments of the call that opened p. A call that spreads a slice
// (opts...) gets no fix: where to add it is the slice's business.
func (fx *Fixer) optionFix(p *index.Pool) []analysis.SuggestedFix {
	call := p.Call
	if call == nil || call.Ellipsis.IsValid() {
		return nil
	}
	file := fx.fileOf(call.Pos())
	if file == nil {
		return nil
	}
	k := p.Kind.FirstBound()
	pkgPath, name, _ := kinds.CutLast(k.Option, ".")
	qual, ok := fx.packageName(file, pkgPath, call.Pos())
	if !ok {
		return nil
	}
	timeName, importEdits, ok := fx.timePackage(file, call.Pos())
	if !ok {
		return nil
	}
	option := fmt.Sprintf("%s%s(%s)", qual, name, values.DurationExpr(fx.idle, timeName))
	start, end, text := fx.insertElem(call.Args, call.Lparen, call.Rparen, option)
	edit, ok := fx.formatted(start, end, text)
	if !ok {
		return nil
	}
	return []analysis.SuggestedFix{{
		Message:   "Add " + option,
		TextEdits: append([]analysis.TextEdit{edit}, importEdits...),
	}}
}

// packageName returns the qualifier ("grpc.", "g." or "" for a dot import)
// under which the file imports path, if that name reaches pos.
func (fx *Fixer) packageName(file *ast.File, path string, pos token.Pos) (string, bool) {
	for _, imp := range file.Imports {
		if p, _ := strconv.Unquote(imp.Path.Value); kinds.TrimVendor(p) != path {
			continue
		}
		name := ""
		if imp.Name != nil {
			name = imp.Name.Name
		}
		switch name {
		case ".":
			return "", true
		case "_":
			continue
		case "":
			// The package's own name: look it up where it is used.
			for _, f := range fx.src.Pkg.Imports() {
				if kinds.TrimVendor(f.Path()) == path {
					name = f.Name()
				}
			}
		}
		_, obj := fx.scopeAt(pos).LookupParent(name, pos)
		if pn, ok := obj.(*types.PkgName); ok && kinds.TrimVendor(pn.Imported().Path()) == path {
			return name + ".", true
		}
	}
	return "", false
}

// formatted returns the text edit that replaces [start, end) with text,
// widened to every change gofmt then makes, so that the result needs no
// formatting. Only the top-level declaration holding the edit is
// formatted (at column 0 it formats as it would in the file), which keeps
// the cost to the size of that declaration. A declaration that was not
// gofmt-clean gets the plain edit.
func (fx *Fixer) formatted(start, end token.Pos, text string) (analysis.TextEdit, bool) {
	plain := analysis.TextEdit{Pos: start, End: end, NewText: []byte(text)}
	tf := fx.src.Fset.File(start)
	ft := fx.text(tf)
	if ft == nil {
		return plain, false
	}
	lo, hi := fx.declRegion(tf, start, end, len(ft.src))
	orig := ft.src[lo:hi]
	if clean, err := format.Source(orig); err != nil || !bytes.Equal(clean, orig) {
		return plain, true
	}
	so, eo := tf.Offset(start)-lo, tf.Offset(end)-lo
	edited := make([]byte, 0, len(orig)+len(text))
	edited = append(append(append(edited, orig[:so]...), text...), orig[eo:]...)
	out, err := format.Source(edited)
	if err != nil {
		return plain, false
	}
	// Trim what the two versions share at either end.
	p := 0
	for p < len(out) && p < so && out[p] == orig[p] {
		p++
	}
	s := 0
	for s < len(out)-p && s < len(orig)-max(eo, p) && out[len(out)-1-s] == orig[len(orig)-1-s] {
		s++
	}
	return analysis.TextEdit{
		Pos:     tf.Pos(lo + p),
		End:     tf.Pos(lo + len(orig) - s),
		NewText: bytes.Clone(out[p : len(out)-s]),
	}, true
}

// declRegion returns the offsets of the top-level declaration (with its doc
// comment) that holds [start, end), or of the whole file.
func (fx *Fixer) declRegion(tf *token.File, start, end token.Pos, size int) (int, int) {
	if file := fx.fileOf(start); file != nil {
		for _, d := range file.Decls {
			if d.Pos() > start || end > d.End() {
				continue
			}
			from := d.Pos()
			switch d := d.(type) {
			case *ast.FuncDecl:
				if d.Doc != nil {
					from = d.Doc.Pos()
				}
			case *ast.GenDecl:
				if d.Doc != nil {
					from = d.Doc.Pos()
				}
			}
			return tf.Offset(from), tf.Offset(d.End())
		}
	}
	return 0, size
}

// timePackage returns how the "time" package is named at pos, with the
// edit that imports it when the file does not. ok is false when the name
// is taken by something else at pos.
func (fx *Fixer) timePackage(file *ast.File, pos token.Pos) (name string, edits []analysis.TextEdit, ok bool) {
	for _, imp := range file.Imports {
		if path, _ := strconv.Unquote(imp.Path.Value); path != "time" {
			continue
		}
		switch {
		case imp.Name == nil:
			name = "time"
		case imp.Name.Name == "_":
			continue
		default:
			name = imp.Name.Name
		}
		if name == "." {
			return "", nil, true
		}
		return name, nil, fx.namesTimePackage(name, pos)
	}
	if _, obj := fx.scopeAt(pos).LookupParent("time", pos); obj != nil {
		return "", nil, false // a local "time" would hide the import
	}
	edit, ok := fx.importTime(file)
	return "time", []analysis.TextEdit{edit}, ok
}

func (fx *Fixer) namesTimePackage(name string, pos token.Pos) bool {
	_, obj := fx.scopeAt(pos).LookupParent(name, pos)
	pn, ok := obj.(*types.PkgName)
	return ok && pn.Imported().Path() == "time"
}

func (fx *Fixer) scopeAt(pos token.Pos) *types.Scope {
	if s := fx.src.Pkg.Scope().Innermost(pos); s != nil {
		return s
	}
	return fx.src.Pkg.Scope()
}

// importTime returns the edit that adds "time" to the file's imports, in
// sorted position within the standard library group of the first import
// block, or as a declaration of its own after a lone import.
func (fx *Fixer) importTime(file *ast.File) (analysis.TextEdit, bool) {
	tf := fx.src.Fset.File(file.FileStart)
	var imports []*ast.GenDecl
	for _, d := range file.Decls {
		gd, ok := d.(*ast.GenDecl)
		if !ok || gd.Tok != token.IMPORT {
			break
		}
		if gd.Lparen.IsValid() && len(gd.Specs) > 0 {
			return fx.importInBlock(tf, gd), true
		}
		imports = append(imports, gd)
	}
	switch {
	case len(imports) == 1 && len(imports[0].Specs) == 1 && imports[0].Doc == nil:
		// import "net/http" becomes a block, as goimports writes it.
		gd := imports[0]
		spec := fx.sourceRange(gd.Specs[0].Pos(), gd.Specs[0].End())
		lines := []string{spec, `"time"`}
		if path, _ := strconv.Unquote(gd.Specs[0].(*ast.ImportSpec).Path.Value); path > "time" {
			lines[0], lines[1] = lines[1], lines[0]
		}
		text := "import (\n\t" + strings.Join(lines, "\n\t") + "\n)"
		return analysis.TextEdit{Pos: gd.Pos(), End: gd.End(), NewText: []byte(text)}, true
	case len(imports) > 0:
		at := lineAfter(tf, imports[len(imports)-1].End())
		return analysis.TextEdit{Pos: at, End: at, NewText: []byte("import \"time\"\n")}, true
	}
	at := file.Name.End()
	return analysis.TextEdit{Pos: at, End: at, NewText: []byte("\n\nimport \"time\"")}, true
}

// importInBlock inserts "time" into the first run of standard library
// imports of a parenthesized import declaration (gofmt sorts each run).
func (fx *Fixer) importInBlock(tf *token.File, gd *ast.GenDecl) analysis.TextEdit {
	specs := gd.Specs
	run := specs[:1]
	for i := 1; i < len(specs); i++ {
		if tf.Line(specs[i].Pos()) > tf.Line(specs[i-1].End())+1 || specStart(specs[i]) != specs[i].Pos() {
			break // a blank line or a comment ends the run
		}
		run = specs[:i+1]
	}
	if tf.Line(gd.Lparen) == tf.Line(specs[0].Pos()) || tf.Line(gd.Rparen) == tf.Line(specs[len(specs)-1].End()) {
		// import ("net/http"): not one import a line; gofmt sorts it later.
		return analysis.TextEdit{Pos: gd.Lparen + 1, End: gd.Lparen + 1, NewText: []byte(`"time"; `)}
	}
	if !isStdImport(run[0].(*ast.ImportSpec)) {
		run = run[:0]
	}
	for _, s := range run {
		if path, _ := strconv.Unquote(s.(*ast.ImportSpec).Path.Value); path > "time" {
			at := tf.LineStart(tf.Line(specStart(s)))
			return analysis.TextEdit{Pos: at, End: at, NewText: []byte("\t\"time\"\n")}
		}
	}
	if len(run) == 0 {
		at := tf.LineStart(tf.Line(specStart(specs[0])))
		return analysis.TextEdit{Pos: at, End: at, NewText: []byte("\t\"time\"\n\n")}
	}
	at := lineAfter(tf, run[len(run)-1].End())
	return analysis.TextEdit{Pos: at, End: at, NewText: []byte("\t\"time\"\n")}
}

func specStart(s ast.Spec) token.Pos {
	if is := s.(*ast.ImportSpec); is.Doc != nil {
		return is.Doc.Pos()
	}
	return s.Pos()
}

func isStdImport(s *ast.ImportSpec) bool {
	path, _ := strconv.Unquote(s.Path.Value)
	first, _, _ := strings.Cut(path, "/")
	return !strings.Contains(first, ".")
}

// lineAfter returns the start of the line after the one holding pos.
func lineAfter(tf *token.File, pos token.Pos) token.Pos {
	line := tf.Line(pos)
	if line >= tf.LineCount() {
		return token.Pos(tf.Base() + tf.Size())
	}
	return tf.LineStart(line + 1)
}

func (fx *Fixer) fileOf(pos token.Pos) *ast.File {
	for _, f := range fx.src.Files {
		if f.FileStart <= pos && pos <= f.FileEnd {
			return f
		}
	}
	return nil
}

func (fx *Fixer) text(tf *token.File) *fileText {
	if ft, ok := fx.files[tf]; ok {
		return ft
	}
	var ft *fileText
	// A file whose positions //line directives remap (cmd/cgo's output)
	// is not the file the user edits: no fix.
	remapped := fx.src.Fset.PositionFor(tf.Pos(tf.Size()), true).Filename != tf.Name()
	if src, err := fx.src.ReadFile(tf.Name()); err == nil && len(src) == tf.Size() && !remapped {
		ft = &fileText{src: src}
	}
	fx.files[tf] = ft
	return ft
}

// source returns the text of e as written.
func (fx *Fixer) source(e ast.Expr) string {
	return fx.sourceRange(e.Pos(), e.End())
}

func (fx *Fixer) sourceRange(start, end token.Pos) string {
	tf := fx.src.Fset.File(start)
	ft := fx.text(tf)
	if ft == nil {
		return ""
	}
	return string(ft.src[tf.Offset(start):tf.Offset(end)])
}

// setterFix inserts X.SetConnMaxIdleTime(d) (the kind's first bound
// setter; X.DB().SetConnMaxIdleTime(d) through p.Via) on its own line
// after the statement that stores pool p in X, or
// after the if err != nil { ... } block that directly follows it.
func (fx *Fixer) setterFix(p *index.Pool) []analysis.SuggestedFix {
	if p.Lhs == nil {
		return nil
	}
	file := fx.fileOf(p.After.Pos())
	if file == nil {
		return nil
	}
	timeName, importEdits, ok := fx.timePackage(file, p.After.End())
	if !ok {
		return nil
	}
	tf := fx.src.Fset.File(p.After.Pos())
	call := fmt.Sprintf("%s%s.%s(%s)", fx.source(p.Lhs), p.Via, p.Kind.FirstBound().Name, values.DurationExpr(fx.idle, timeName))
	text := "\n" + fx.indentOf(tf, p.Stmt.Pos()) + call
	// At the end of the line, after any trailing comment.
	at := lineAfter(tf, p.After.End()) - 1
	if tf.Line(at) != tf.Line(p.After.End()) {
		return nil
	}
	// Only a comment may follow the statement on its line: a closing
	// brace there (func f() { db, _ = sql.Open(...) }) leaves no line
	// inside the block to put the call on.
	if rest := strings.TrimSpace(fx.sourceRange(p.After.End(), at)); rest != "" && !strings.HasPrefix(rest, "//") {
		return nil
	}
	edit, ok := fx.formatted(at, at, text)
	if !ok {
		return nil
	}
	return []analysis.SuggestedFix{{
		Message:   "Call " + call,
		TextEdits: append([]analysis.TextEdit{edit}, importEdits...),
	}}
}

// indentOf returns the white space that starts the line of pos.
func (fx *Fixer) indentOf(tf *token.File, pos token.Pos) string {
	line := fx.sourceRange(tf.LineStart(tf.Line(pos)), pos)
	return line[:len(line)-len(strings.TrimLeft(line, " \t"))]
}
