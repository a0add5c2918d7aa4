package analyzer

import (
	"go/ast"
	"go/types"
)

// An origin says where a pool's settings start from, before the writes the
// index recorded.
type origin int

// A pool is one connection pool the package builds, opens or configures.
type pool struct {
	kind    *poolKind
	node    ast.Node          // where it is built or opened: reported there
	lit     *ast.CompositeLit // the literal, when built from one
	obj     types.Object      // the variable or field it is stored in
	factory *types.Func       // the package function that returns it
	origin  origin
	parent  *pool // the pool it was cloned from (fromPool)
	// returned is what another package's factory says its pool holds
	// (fromFactory).
	returned *returnedPool
	// For a pool an opener returns: the call, the opener ("sql.Open"), and
	// where the result is stored by a simple statement (for the fix).
	call   *ast.CallExpr
	opener string
	lhs    ast.Expr // the variable or field as written
	stmt   ast.Stmt // the statement that stores it
	after  ast.Node // the node a setter call goes after
}

const (
	fromLiteral origin = iota // the literal's fields, the rest zero
	fromZero                  // new(T), var t T: every field zero
	fromDefault               // a clone of http.DefaultTransport
	fromPool                  // a clone of another pool of this package
	fromUnknown               // a parameter, a function without a summary
	fromFactory               // a factory of another package, by its fact
)
