package analyzer

import (
	"go/types"
	"strings"
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
