package analyzer

import (
	"fmt"
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"strconv"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/inspector"
	"golang.org/x/tools/go/types/typeutil"
)

// SQL pools: a *sql.DB keeps up to two idle connections (more with
// SetMaxIdleConns) and, unless SetConnMaxIdleTime or SetConnMaxLifetime
// says otherwise, keeps them forever. The first query after a quiet period
// is then written into a flow a NAT has dropped; the bytes were sent, so
// database/sql cannot retry it as a bad connection.

// Categories of the SQL rules.
const (
	categorySQLNoIdleLimit      = "sql-no-idle-limit"
	categorySQLLimitNonPositive = "sql-idle-limit-nonpositive"
	categorySQLLimitTooLong     = "sql-idle-limit-too-long"
)

// sqlOpeners lists the functions that open a pool, by package path and
// name, with the index of their driver-name argument (-1: none).
var sqlOpeners = map[string]int{
	"database/sql.Open":                             0,
	"database/sql.OpenDB":                           -1,
	"github.com/jmoiron/sqlx.Open":                  0,
	"github.com/jmoiron/sqlx.Connect":               0,
	"github.com/jmoiron/sqlx.MustOpen":              0,
	"github.com/jmoiron/sqlx.MustConnect":           0,
	"github.com/jmoiron/sqlx.NewDb":                 1,
	"github.com/jackc/pgx/v4/stdlib.OpenDB":         -1,
	"github.com/jackc/pgx/v5/stdlib.OpenDB":         -1,
	"github.com/jackc/pgx/v5/stdlib.OpenDBFromPool": -1,
	"github.com/jackc/pgx/v4/stdlib.OpenDBFromPool": -1,
}

// InProcessDrivers are database/sql driver names whose databases live in
// the process: no socket, so no middlebox can drop an idle connection.
// A driver name starting with "sqlite" counts too (custom registrations
// such as "sqlite3_extended").
var InProcessDrivers = []string{"sqlite", "sqlite3", "sqlcipher", "ql", "ql-mem", "duckdb", "ramsql", "sqlmock"}

func isInProcessDriver(name string) bool {
	for _, d := range InProcessDrivers {
		if name == d {
			return true
		}
	}
	return strings.HasPrefix(name, "sqlite")
}

// An sqlPool is one pool opened in this package.
type sqlPool struct {
	call    *ast.CallExpr
	opener  string       // "sql.Open"
	obj     types.Object // the variable or field it is first stored in
	lhs     ast.Expr     // that variable or field as written, for the fix
	stmt    ast.Stmt     // the statement that stores it
	after   ast.Node     // the node the fix inserts a setter call after
	factory *types.Func  // the package function that returns it
}

// A setterCall is a call of a pool setter that decides its idle limit.
type setterCall struct {
	method string // SetConnMaxIdleTime, SetConnMaxLifetime, SetMaxIdleConns
	call   *ast.CallExpr
	arg    value
}

// checkSQL finds the package's SQL pools, judges them and reports.
func (j *judge) checkSQL(pass *analysis.Pass, insp *inspector.Inspector, quiet *quietFiles, report func(finding, string, func() []analysis.SuggestedFix)) {
	var pools []*sqlPool
	setters := map[types.Object][]setterCall{}
	for cur := range insp.Root().Preorder((*ast.CallExpr)(nil)) {
		call := cur.Node().(*ast.CallExpr)
		if quiet.at(call.Pos()) {
			continue
		}
		fn, ok := typeutil.Callee(j.ix.info, call).(*types.Func)
		if !ok || fn.Pkg() == nil {
			continue
		}
		if p := j.sqlPoolAt(cur, call, fn); p != nil {
			pools = append(pools, p)
			continue
		}
		if s, obj, ok := j.setterAt(call, fn); ok {
			setters[obj] = append(setters[obj], s)
		}
	}
	for _, p := range pools {
		j.judgeSQL(p, setters, report)
	}
}

// sqlPoolAt returns the pool call opens, or nil: a call of no opener, an
// in-process driver, or sqlx.NewDb over a pool opened in this package.
func (j *judge) sqlPoolAt(cur inspector.Cursor, call *ast.CallExpr, fn *types.Func) *sqlPool {
	driverArg, ok := sqlOpeners[calleeName(j.ix.info, call)]
	if !ok || fn.Pkg() == j.ix.pkg {
		return nil // not an opener, or one opener built on another (sql.Open on OpenDB)
	}
	if driverArg >= 0 && driverArg < len(call.Args) {
		if v := j.settings.resolve(call.Args[driverArg], call); v.known() {
			if d, err := strconv.Unquote(v.c.ExactString()); err == nil && isInProcessDriver(d) {
				return nil
			}
		}
	}
	if fn.Name() == "NewDb" && len(call.Args) > 0 {
		if id, ok := ast.Unparen(call.Args[0]).(*ast.Ident); ok && j.ix.opensPool(j.ix.info.Uses[id]) {
			return nil // wraps a pool opened (and judged) here
		}
	}
	p := &sqlPool{call: call, opener: fn.Pkg().Name() + "." + fn.Name()}
	p.obj, p.factory = j.ix.binding(cur)
	p.lhs, p.stmt, p.after = storedIn(cur)
	return p
}

// opensPool reports whether obj holds the result of a pool opener.
func (ix *index) opensPool(obj types.Object) bool {
	for _, w := range ix.wholeWrites[obj] {
		if call, ok := ast.Unparen(w).(*ast.CallExpr); ok {
			if _, ok := sqlOpeners[calleeName(ix.info, call)]; ok {
				return true
			}
		}
	}
	return false
}

// setterAt recognizes db.SetConnMaxIdleTime(d) and its kin on a
// database/sql.DB (sqlx.DB embeds one), with the object the pool is held by.
func (j *judge) setterAt(call *ast.CallExpr, fn *types.Func) (setterCall, types.Object, bool) {
	switch fn.Name() {
	case "SetConnMaxIdleTime", "SetConnMaxLifetime", "SetMaxIdleConns":
	default:
		return setterCall{}, nil, false
	}
	recv := fn.Signature().Recv()
	if recv == nil || !isSQLDB(pointee(recv.Type())) || len(call.Args) != 1 {
		return setterCall{}, nil, false
	}
	sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
	if !ok {
		return setterCall{}, nil, false
	}
	obj := j.ix.rootObj(stripEmbedded(j.ix.info, sel.X))
	if obj == nil {
		return setterCall{}, nil, false
	}
	return setterCall{method: fn.Name(), call: call, arg: j.settings.resolve(call.Args[0], call)}, obj, true
}

func isSQLDB(t types.Type) bool {
	named, ok := types.Unalias(t).(*types.Named)
	return ok && named.Obj().Pkg() != nil && trimVendor(named.Obj().Pkg().Path()) == "database/sql" && named.Obj().Name() == "DB"
}

// stripEmbedded turns x.DB, where DB is an embedded field (sqlx.DB embeds
// *sql.DB), into x: the pool is x.
func stripEmbedded(info *types.Info, e ast.Expr) ast.Expr {
	for {
		sel, ok := ast.Unparen(e).(*ast.SelectorExpr)
		if !ok {
			return e
		}
		s, ok := info.Selections[sel]
		if !ok || s.Kind() != types.FieldVal || !s.Obj().(*types.Var).Embedded() {
			return e
		}
		e = sel.X
	}
}

// holders returns every object through which the package reaches pool p:
// the variable or field it is stored in, the variables and fields that
// value is copied into, and for a pool a package function returns, where
// its callers keep it.
func (j *judge) holders(p *sqlPool) []types.Object {
	var objs []types.Object
	seen := map[types.Object]bool{}
	var add func(obj types.Object, depth int)
	add = func(obj types.Object, depth int) {
		if obj == nil || seen[obj] || depth > 4 {
			return
		}
		seen[obj] = true
		objs = append(objs, obj)
		for target, ws := range j.ix.wholeWrites {
			for _, w := range ws {
				if w != nil && j.ix.rootObj(stripWrap(j.ix.info, w)) == obj {
					add(target, depth+1)
				}
			}
		}
		if fn, ok := obj.(*types.Func); ok {
			for o, f := range j.ix.resultOf {
				if f == fn {
					add(o, depth+1)
				}
			}
		}
		if fn := j.ix.returnedBy[obj]; fn != nil {
			add(fn, depth+1)
		}
	}
	add(p.obj, 0)
	if p.factory != nil {
		add(p.factory, 0)
	}
	return objs
}

// stripWrap sees through sqlx.NewDb(db, driver): the wrapper holds db.
func stripWrap(info *types.Info, e ast.Expr) ast.Expr {
	call, ok := ast.Unparen(e).(*ast.CallExpr)
	if !ok || len(call.Args) == 0 {
		return e
	}
	if calleeName(info, call) == "github.com/jmoiron/sqlx.NewDb" {
		return call.Args[0]
	}
	return e
}

// exportedFactory returns the exported function among holders, if any: the
// pool is handed to other packages.
func exportedFactory(holders []types.Object) *types.Func {
	for _, h := range holders {
		if fn, ok := h.(*types.Func); ok && fn.Exported() {
			return fn
		}
	}
	return nil
}

// judgeSQL decides whether pool p can keep an idle connection past the
// limit, and reports it.
func (j *judge) judgeSQL(p *sqlPool, setters map[types.Object][]setterCall, report func(finding, string, func() []analysis.SuggestedFix)) {
	holders := j.holders(p)
	var calls []setterCall
	for _, h := range holders {
		calls = append(calls, setters[h]...)
		if j.ix.closedOnReturn(h, "Close") {
			return // the pool dies with the call that opened it
		}
	}
	var bad, dynamic []setterCall
	for _, s := range calls {
		switch {
		case !s.arg.known():
			dynamic = append(dynamic, s)
		case s.method == "SetMaxIdleConns":
			if n, _ := constantInt(s.arg); n <= 0 {
				return // no idle connection is kept
			} // a positive idle count proves nothing either way
		case j.belowLimit(s.arg):
			return
		default:
			bad = append(bad, s)
		}
	}
	if len(dynamic) == 0 && len(bad) == 0 {
		if fn := exportedFactory(holders); fn != nil {
			// Returned to other packages, whose setters are out of sight:
			// configuring the pool is the caller's job, as for sql.Open.
			if j.cfg.Strict {
				f := finding{category: categoryDynamic, node: p.call}
				report(f, j.sqlMessage(f, p, setterCall{method: fn.Name()}), noFix)
			}
			return
		}
	}
	if len(dynamic) > 0 {
		if j.cfg.Strict {
			s := dynamic[0]
			f := finding{category: categoryDynamic, node: s.call}
			report(f, j.sqlMessage(f, p, s), noFix)
		}
		return
	}
	for _, s := range bad {
		f := finding{category: categorySQLLimitTooLong, node: s.call, value: &s.arg}
		if s.arg.duration() <= 0 {
			f.category = categorySQLLimitNonPositive
		}
		report(f, j.sqlMessage(f, p, s), func() []analysis.SuggestedFix { return j.fx.fix(f) })
	}
	if len(bad) == 0 {
		f := finding{category: categorySQLNoIdleLimit, node: p.call}
		report(f, j.sqlMessage(f, p, setterCall{}), func() []analysis.SuggestedFix { return j.fx.sqlSetterFix(p) })
	}
}

// sqlMessage is the one-line text of an SQL finding.
func (j *judge) sqlMessage(f finding, p *sqlPool, s setterCall) string {
	limit := seconds(j.cfg.MaxIdle)
	const fails = "the first query after a quiet period is written into a dead flow and fails with connection reset, and database/sql cannot retry it because the bytes were sent"
	switch f.category {
	case categorySQLNoIdleLimit:
		todo := fmt.Sprintf("call SetConnMaxIdleTime(%s) on the pool", durationExpr(j.cfg.EffectiveFixIdle(), "time"))
		if p.lhs == nil {
			todo += " where it is stored (no fix offered: the pool is not stored by a simple statement)"
		}
		return fmt.Sprintf("database/sql pool from %s never closes idle connections (no SetConnMaxIdleTime or SetConnMaxLifetime below %s): once a NAT or load balancer drops an idle connection (limit %s), %s; %s",
			p.opener, limit, limit, fails, todo)
	case categorySQLLimitNonPositive:
		return fmt.Sprintf("%s(%s) means no limit: idle connections are kept forever, so once a NAT or load balancer drops one (limit %s), %s; pass a duration below %s (e.g. %s)",
			s.method, seconds(s.arg.duration()), limit, fails, limit, durationExpr(j.cfg.EffectiveFixIdle(), "time"))
	case categorySQLLimitTooLong:
		return fmt.Sprintf("%s(%s) is not below the %s limit: idle connections outlive a NAT or load balancer that drops the flow, so %s; pass a duration below %s (e.g. %s)",
			s.method, seconds(s.arg.duration()), limit, fails, limit, durationExpr(j.cfg.EffectiveFixIdle(), "time"))
	case categoryDynamic:
		if s.call == nil {
			return fmt.Sprintf("database/sql pool from %s is returned by exported %s to callers in other packages, whose settings keepalivelint cannot see (-strict): if none calls SetConnMaxIdleTime below %s, %s",
				p.opener, s.method, limit, fails)
		}
		return fmt.Sprintf("%s gets a value keepalivelint cannot resolve (-strict): if idle connections can be kept %s or longer, %s; make sure it stays between 0 and %s",
			s.method, limit, fails, limit)
	}
	return ""
}

func noFix() []analysis.SuggestedFix { return nil }

func constantInt(v value) (int64, bool) {
	return constant.Int64Val(constant.ToInt(v.c))
}

// storedIn returns the variable or field expression an opener's result is
// stored in by a simple statement of a block (db, err := sql.Open(...);
// s.db = sqlx.MustOpen(...)), that statement, and the node a setter call
// goes after: the statement, or the if err != nil { ... } right after it.
// All nil when the placement is not obvious.
func storedIn(cur inspector.Cursor) (lhs ast.Expr, stmt ast.Stmt, after ast.Node) {
	parent := cur.Parent()
	switch p := parent.Node().(type) {
	case *ast.AssignStmt:
		if len(p.Rhs) != 1 || p.Rhs[0] != cur.Node() {
			return nil, nil, nil
		}
		lhs = p.Lhs[0]
	case *ast.ValueSpec:
		if len(p.Values) != 1 || p.Values[0] != cur.Node() {
			return nil, nil, nil
		}
		lhs = p.Names[0]
		parent = parent.Parent().Parent() // GenDecl, then DeclStmt
	default:
		return nil, nil, nil
	}
	if id, ok := lhs.(*ast.Ident); ok && id.Name == "_" {
		return nil, nil, nil
	}
	stmt, ok := parent.Node().(ast.Stmt)
	if !ok {
		return nil, nil, nil
	}
	if _, ok := parent.Parent().Node().(*ast.BlockStmt); !ok {
		return nil, nil, nil
	}
	after = stmt
	if next, ok := parent.NextSibling(); ok {
		if ifs, ok := next.Node().(*ast.IfStmt); ok && ifs.Init == nil && isErrCheck(ifs.Cond) {
			after = ifs
		}
	}
	return lhs, stmt, after
}

func isErrCheck(cond ast.Expr) bool {
	b, ok := cond.(*ast.BinaryExpr)
	if !ok || b.Op != token.NEQ {
		return false
	}
	x, ok1 := b.X.(*ast.Ident)
	y, ok2 := b.Y.(*ast.Ident)
	return ok1 && ok2 && x.Name == "err" && y.Name == "nil"
}

// sqlSetterFix inserts X.SetConnMaxIdleTime(d) on its own line after the
// statement that stores pool p in X, or after the if err != nil { ... }
// block that directly follows it.
func (fx *fixer) sqlSetterFix(p *sqlPool) []analysis.SuggestedFix {
	if p.lhs == nil {
		return nil
	}
	file := fx.fileOf(p.after.Pos())
	if file == nil {
		return nil
	}
	timeName, importEdits, ok := fx.timePackage(file, p.after.End())
	if !ok {
		return nil
	}
	tf := fx.pass.Fset.File(p.after.Pos())
	call := fmt.Sprintf("%s.SetConnMaxIdleTime(%s)", fx.source(p.lhs), durationExpr(fx.idle, timeName))
	text := "\n" + fx.indentOf(tf, p.stmt.Pos()) + call
	// At the end of the line, after any trailing comment.
	at := lineAfter(tf, p.after.End()) - 1
	if tf.Line(at) != tf.Line(p.after.End()) {
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
func (fx *fixer) indentOf(tf *token.File, pos token.Pos) string {
	line := fx.sourceRange(tf.LineStart(tf.Line(pos)), pos)
	return line[:len(line)-len(strings.TrimLeft(line, " \t"))]
}
