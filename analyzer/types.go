package analyzer

import (
	"go/ast"
	"go/types"
	"strings"

	"golang.org/x/tools/go/types/typeutil"
)

// trimVendor returns an import path without its vendor prefix, so that
// "example.com/m/vendor/golang.org/x/net/http2" matches "golang.org/x/net/http2".
func trimVendor(path string) string {
	if i := strings.LastIndex(path, "/vendor/"); i >= 0 {
		return path[i+len("/vendor/"):]
	}
	return strings.TrimPrefix(path, "vendor/")
}

// importsPooledClient reports whether pkg imports, directly, a package whose
// pools this analyzer checks; a package that imports none has no site.
func importsPooledClient(pkg *types.Package) bool {
	if isPoolPackage(pkg.Path()) {
		return true
	}
	for _, imp := range pkg.Imports() {
		if isPoolPackage(imp.Path()) {
			return true
		}
	}
	return false
}

func isPoolPackage(path string) bool {
	switch trimVendor(path) {
	case "net/http", "golang.org/x/net/http2", "database/sql",
		"github.com/jmoiron/sqlx", "github.com/jackc/pgx/v4/stdlib", "github.com/jackc/pgx/v5/stdlib":
		return true
	}
	return false
}

// qualifiedName returns "path.Name" for a package-level object, with the
// vendor prefix of the path removed: "net/http.Transport".
func qualifiedName(obj types.Object) string {
	if obj.Pkg() == nil {
		return obj.Name()
	}
	return trimVendor(obj.Pkg().Path()) + "." + obj.Name()
}

// calleeName returns the qualified name of the package-level function call
// calls ("database/sql.Open"), or "" for a method, a function value or a
// conversion.
func calleeName(info *types.Info, call *ast.CallExpr) string {
	fn, ok := typeutil.Callee(info, call).(*types.Func)
	if !ok || fn.Signature().Recv() != nil {
		return ""
	}
	return qualifiedName(fn)
}

// A poolType is a type whose values pool connections or configure them.
type poolType int

const (
	notPool        poolType = iota
	httpTransport           // net/http.Transport
	http2Transport          // golang.org/x/net/http2.Transport
	netDialer               // net.Dialer
)

func (k poolType) String() string {
	switch k {
	case httpTransport:
		return "http.Transport"
	case http2Transport:
		return "http2.Transport"
	case netDialer:
		return "net.Dialer"
	}
	return "?"
}

// poolTypeOf identifies t, a named struct type (not a pointer to it), by its
// package path and name; aliases are resolved and vendor prefixes ignored.
func poolTypeOf(t types.Type) poolType {
	named, ok := types.Unalias(t).(*types.Named)
	if !ok {
		return notPool
	}
	switch qualifiedName(named.Obj()) {
	case "net/http.Transport":
		return httpTransport
	case "golang.org/x/net/http2.Transport":
		return http2Transport
	case "net.Dialer":
		return netDialer
	}
	return notPool
}

// pointee returns the type t points to, or t itself when it is no pointer.
func pointee(t types.Type) types.Type {
	if p, ok := types.Unalias(t).(*types.Pointer); ok {
		return p.Elem()
	}
	return t
}

// isField reports whether v is the field called name of a pool type k.
// Promoted fields (a struct embedding http.Transport) count, since the
// field object is the same.
func isField(v types.Object, k poolType, name string) bool {
	f, ok := v.(*types.Var)
	if !ok || !f.IsField() || f.Name() != name || f.Pkg() == nil {
		return false
	}
	return fieldOwner(f) == k
}

// fieldOwner returns the pool type that declares field f, or notPool.
func fieldOwner(f *types.Var) poolType {
	var typeName string
	switch trimVendor(f.Pkg().Path()) {
	case "net/http":
		typeName = "Transport"
	case "golang.org/x/net/http2":
		typeName = "Transport"
	case "net":
		typeName = "Dialer"
	default:
		return notPool
	}
	tn, ok := f.Pkg().Scope().Lookup(typeName).(*types.TypeName)
	if !ok {
		return notPool
	}
	st, ok := tn.Type().Underlying().(*types.Struct)
	if !ok {
		return notPool
	}
	for i := range st.NumFields() {
		if st.Field(i) == f {
			return poolTypeOf(tn.Type())
		}
	}
	return notPool
}
