package index

import (
	"go/ast"
	"go/types"

	"github.com/keepalivelint/keepalivelint/analyzer/internal/kinds"
	"github.com/keepalivelint/keepalivelint/analyzer/internal/summaries"
)

// An Origin says where a pool's settings start from, before the writes the
// index recorded.
type Origin int

// A Pool is one connection pool the package builds, opens or configures.
type Pool struct {
	Kind    *kinds.Kind
	Node    ast.Node          // where it is built or opened: reported there
	Lit     *ast.CompositeLit // the literal, when built from one
	Obj     types.Object      // the variable or field it is stored in
	Factory *types.Func       // the package function that returns it
	Origin  Origin
	Parent  *Pool // the pool it was cloned from (fromPool)
	// Returned is what another package's factory says its pool holds
	// (fromFactory).
	Returned *summaries.ReturnedPool
	// For a pool an opener returns: the call, the opener ("sql.Open"), and
	// where the result is stored by a simple statement (for the fix).
	Call   *ast.CallExpr
	Opener string
	Lhs    ast.Expr // the variable or field as written
	Stmt   ast.Stmt // the statement that stores it
	After  ast.Node // the node a setter call goes after
	// Accessor, for a pool behind an ORM's handle with no setters of its
	// own, is how the code reaches the pool ("db.DB()"); Lhs is then where
	// the code keeps that result, if it does.
	Accessor string
	// Via, for a pool behind a handle whose version lacks the setter the
	// fix calls, is the accessor call the fix goes through after Lhs
	// (".DB()": engine.DB().SetConnMaxIdleTime(d)).
	Via string
	// Of, when not nil, makes this pool a view of the pool a package
	// factory returns (Of), as one caller keeps it: Obj is where that
	// caller keeps it and Node the call of the factory there, and only
	// that caller's writes, closes and handoffs count, on its paths, with
	// the factory's own. Obj is Of.Obj and Node Of.Node for the view of
	// the callers out of sight (another package, a call whose result is
	// not kept in a variable or field).
	Of *Pool
	// Wrapper is set when Call is a call of a dialing wrapper: a function
	// that opens the pool with options of its own plus those its caller
	// passes (options.go).
	Wrapper *Wrapping
}

// A Wrapping is what a dialing wrapper adds to its caller's options: in
// this package, its own site, whose options reach the wrapper's
// parameter Param; in another, its options by its fact.
type Wrapping struct {
	Func  *types.Func
	Param int
	Inner *Pool
	Own   *summaries.OptionSet
}

const (
	FromLiteral Origin = iota // the literal's fields, the rest zero
	FromZero                  // new(T), var t T: every field zero
	FromDefault               // a clone of http.DefaultTransport
	FromPool                  // a clone of another pool of this package
	FromUnknown               // a parameter, a function without a summary
	FromFactory               // a factory of another package, by its fact
)
