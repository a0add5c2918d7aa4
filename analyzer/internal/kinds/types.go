package kinds

import (
	"go/ast"
	"go/types"
	"strings"

	"golang.org/x/tools/go/types/typeutil"
)

// TrimVendor returns an import path without its vendor prefix, so that
// "example.com/m/vendor/golang.org/x/net/http2" matches "golang.org/x/net/http2".
func TrimVendor(path string) string {
	if i := strings.LastIndex(path, "/vendor/"); i >= 0 {
		return path[i+len("/vendor/"):]
	}
	return strings.TrimPrefix(path, "vendor/")
}

// QualifiedName returns "path.Name" for a package-level object, with the
// vendor prefix of the path removed: "net/http.Transport".
func QualifiedName(obj types.Object) string {
	if obj.Pkg() == nil {
		return obj.Name()
	}
	return TrimVendor(obj.Pkg().Path()) + "." + obj.Name()
}

// CalleeName returns the qualified name of the package-level function call
// calls ("database/sql.Open"), or "" for a method, a function value or a
// conversion.
func CalleeName(info *types.Info, call *ast.CallExpr) string {
	fn, ok := typeutil.Callee(info, call).(*types.Func)
	if !ok || fn.Signature().Recv() != nil {
		return ""
	}
	return QualifiedName(fn)
}

// TypeName returns the qualified name of the named type t (not a pointer
// to it), aliases resolved and vendor prefixes ignored: "net/http.Transport";
// "" for any other type.
func TypeName(t types.Type) string {
	named, ok := types.Unalias(t).(*types.Named)
	if !ok {
		return ""
	}
	return QualifiedName(named.Obj())
}

// Pointee returns the type t points to, or t itself when it is no pointer.
func Pointee(t types.Type) types.Type {
	if p, ok := types.Unalias(t).(*types.Pointer); ok {
		return p.Elem()
	}
	return t
}

// FieldOwner returns the tracked type (a kind built as a value, or
// net.Dialer) that declares field f, or "". Promoted fields (a struct
// embedding http.Transport) count, since the field object is the same.
func FieldOwner(f *types.Var) string {
	if f.Pkg() == nil {
		return ""
	}
	path := TrimVendor(f.Pkg().Path())
	for _, name := range tracked {
		pkg, typ, _ := CutLast(name, ".")
		if pkg != path {
			continue
		}
		tn, ok := f.Pkg().Scope().Lookup(typ).(*types.TypeName)
		if !ok {
			continue
		}
		st, ok := tn.Type().Underlying().(*types.Struct)
		if !ok {
			continue
		}
		for i := range st.NumFields() {
			if st.Field(i) == f {
				return name
			}
		}
	}
	return ""
}

// trackedTypes lists the types whose fields the index records.
var tracked = trackedTypes()

func trackedTypes() []string {
	names := []string{netDialer}
	for _, k := range All {
		if k.Built {
			names = append(names, k.Type)
		}
	}
	return names
}

func CutLast(s, sep string) (before, after string, found bool) {
	if i := strings.LastIndex(s, sep); i >= 0 {
		return s[:i], s[i+len(sep):], true
	}
	return s, "", false
}
