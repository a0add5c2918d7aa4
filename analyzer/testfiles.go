package analyzer

import (
	"bytes"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"strings"

	"golang.org/x/tools/go/analysis"
)

// hasTestFiles reports whether the unit includes _test.go files: it is
// the package's test variant, which sees its tests' calls.
func hasTestFiles(pass *analysis.Pass) bool {
	for _, f := range pass.Files {
		if strings.HasSuffix(pass.Fset.PositionFor(f.Package, false).Filename, "_test.go") {
			return true
		}
	}
	return false
}

// unseenTestRefs returns the names of candidates (the unexported functions
// testOnlyFuncs considers) that the package's own _test.go files refer to
// when the unit does not include those files: the files of the package's
// directory named *_test.go, in the package's clause (not the external
// _test package, which cannot name unexported functions), and not excluded
// by build constraints (pass.IgnoredFiles lists those). The test variant
// sees these files type-checked; here they are read from their syntax,
// where an identifier the file does not declare (ast.File.Unresolved) and
// that names a package-level function refers to it. A file is parsed only
// when its text contains a candidate's name.
//
// The files are read from disk, beside the unit's own: no driver hands
// them to the non-test unit. The command's analysis cache keys such a unit
// by them too (cmd/keepalivelint/internal/incremental).
func unseenTestRefs(pass *analysis.Pass, candidates []string) map[string]bool {
	dir := packageDir(pass)
	if dir == "" || len(candidates) == 0 {
		return nil
	}
	ignored := map[string]bool{}
	for _, name := range pass.IgnoredFiles {
		ignored[filepath.Base(name)] = true
	}
	names, _ := filepath.Glob(filepath.Join(dir, "*_test.go"))
	refs := map[string]bool{}
	fset := token.NewFileSet()
	for _, name := range names {
		if ignored[filepath.Base(name)] {
			continue
		}
		src, err := os.ReadFile(name)
		if err != nil || !mentionsAny(src, candidates) {
			continue
		}
		f, err := parser.ParseFile(fset, name, src, 0)
		if f == nil || err != nil || f.Name.Name != pass.Pkg.Name() {
			continue // another package, or one the go command would not build either
		}
		for _, id := range f.Unresolved {
			refs[id.Name] = true
		}
	}
	return refs
}

// packageDir is the directory of the unit's Go files (as written, through
// //line directives: cgo's output names the user's file).
func packageDir(pass *analysis.Pass) string {
	for _, f := range pass.Files {
		if name := pass.Fset.PositionFor(f.Package, true).Filename; strings.HasSuffix(name, ".go") && filepath.IsAbs(name) {
			return filepath.Dir(name)
		}
	}
	return ""
}

// mentionsAny reports whether src contains one of the names.
func mentionsAny(src []byte, names []string) bool {
	for _, n := range names {
		if bytes.Contains(src, []byte(n)) {
			return true
		}
	}
	return false
}
