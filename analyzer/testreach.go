package analyzer

import (
	"go/ast"
	"go/types"
	"slices"
)

// testOnlyFuncs returns the declarations of the package's functions that
// only test code reaches: unexported functions (not methods) declared in
// production files, with at least one call from test code (a _test.go or
// test-support file, testCode), whose every reference is a call from
// test code or from another such function. A function with no caller at
// all stays checked. An e2e package whose entry
// files take *testing.T and a third file that builds the client they use
// is test support as a whole.
//
// The package's own _test.go files are test code even in a unit that does
// not include them: a driver analyzes the package alone too (the command,
// for each package with its test variant; golangci-lint with tests off),
// and a helper only a _test.go file calls must be test support there as
// it is in the test variant (go vet and golangci-lint analyze only that
// one), or the doors disagree. outside returns the names those files
// refer to among the candidates' names (unseenTestRefs); it is called
// only when files holds no _test.go file and a candidate exists.
//
// The call graph is read from syntax, conservatively: a reference other
// than a call (a func value, stored or passed), a call from a package-level
// initializer, a method, an exported function or init makes the function
// reachable from production; an exported function is reachable from other
// packages and is never test support by this rule.
func testOnlyFuncs(info *types.Info, files []*ast.File, testCode map[*ast.File]bool, testFiles bool, outside func(candidates []string) map[string]bool) []*ast.FuncDecl {
	r := &reach{
		info:       info,
		decls:      map[*types.Func]*ast.FuncDecl{},
		production: map[*types.Func]bool{},
		fromTest:   map[*types.Func]bool{},
		callers:    map[*types.Func][]*types.Func{},
	}
	for _, f := range files {
		if testCode[f] {
			continue
		}
		for _, d := range f.Decls {
			fd, ok := d.(*ast.FuncDecl)
			if !ok || fd.Recv != nil || fd.Name.IsExported() || fd.Name.Name == "init" || fd.Name.Name == "main" {
				continue
			}
			if fn, ok := info.Defs[fd.Name].(*types.Func); ok {
				r.decls[fn] = fd
			}
		}
	}
	if len(r.decls) == 0 {
		return nil
	}
	if !testFiles {
		// The package's _test.go files are not in this unit: their
		// references, read from their syntax, count as calls from test
		// code (any reference does in the test variant).
		var names []string
		for fn := range r.decls {
			names = append(names, fn.Name())
		}
		refs := outside(names)
		for fn := range r.decls {
			if refs[fn.Name()] {
				r.fromTest[fn] = true
			}
		}
	}
	if len(r.fromTest) == 0 && !slices.ContainsFunc(files, func(f *ast.File) bool { return testCode[f] }) {
		return nil // no test code to reach anything: no walk
	}
	for _, f := range files {
		r.file(f, testCode[f])
	}
	return r.testOnly()
}

// reach is the package's call graph among its unexported functions.
type reach struct {
	info       *types.Info
	decls      map[*types.Func]*ast.FuncDecl // the candidates
	production map[*types.Func]bool          // referenced from production other than by a candidate's call
	fromTest   map[*types.Func]bool          // called from test code
	callers    map[*types.Func][]*types.Func // candidates that call it
}

// file records the references to candidates in f, by the top-level
// declaration they occur in.
func (r *reach) file(f *ast.File, test bool) {
	for _, d := range f.Decls {
		var caller *types.Func
		if fd, ok := d.(*ast.FuncDecl); ok {
			if fn, ok := r.info.Defs[fd.Name].(*types.Func); ok && r.decls[fn] != nil {
				caller = fn
			}
		}
		called := map[*ast.Ident]bool{}
		ast.Inspect(d, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.CallExpr:
				if id := calleeIdent(n.Fun); id != nil {
					called[id] = true
				}
			case *ast.Ident:
				fn, ok := r.info.Uses[n].(*types.Func)
				if !ok || r.decls[fn] == nil {
					return true
				}
				switch {
				case test:
					r.fromTest[fn] = true
				case !called[n]:
					r.production[fn] = true // a func value: called from anywhere
				case caller != nil:
					r.callers[fn] = append(r.callers[fn], caller)
				default:
					r.production[fn] = true
				}
			}
			return true
		})
	}
}

// calleeIdent returns the identifier a call's function is written as: f
// in f(x), f[T](x).
func calleeIdent(fun ast.Expr) *ast.Ident {
	switch x := ast.Unparen(fun).(type) {
	case *ast.Ident:
		return x
	case *ast.IndexExpr:
		return calleeIdent(x.X)
	case *ast.IndexListExpr:
		return calleeIdent(x.X)
	}
	return nil
}

// testOnly returns the candidates reached from test code alone: the
// greatest set closed under "every caller is test code or in the set",
// restricted to those a call from test code reaches.
func (r *reach) testOnly() []*ast.FuncDecl {
	in := map[*types.Func]bool{}
	for fn := range r.decls {
		in[fn] = !r.production[fn]
	}
	for changed := true; changed; {
		changed = false
		for fn := range r.decls {
			if !in[fn] {
				continue
			}
			for _, c := range r.callers[fn] {
				if !in[c] {
					in[fn], changed = false, true
					break
				}
			}
		}
	}
	reached := map[*types.Func]bool{}
	var visit func(fn *types.Func)
	visit = func(fn *types.Func) {
		if reached[fn] || !in[fn] {
			return
		}
		reached[fn] = true
		for callee, cs := range r.callers {
			for _, c := range cs {
				if c == fn {
					visit(callee)
				}
			}
		}
	}
	for fn := range r.fromTest {
		visit(fn)
	}

	var out []*ast.FuncDecl
	for fn := range reached {
		out = append(out, r.decls[fn])
	}
	return out
}
