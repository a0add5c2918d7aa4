package analyzer

import (
	"go/ast"
	"go/constant"
	"go/types"
	"slices"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/types/typeutil"

	"github.com/keepalivelint/keepalivelint/analyzer/internal/index"
	"github.com/keepalivelint/keepalivelint/analyzer/internal/kinds"
	"github.com/keepalivelint/keepalivelint/analyzer/internal/summaries"
)

// A database/sql pool is judged by its driver (kinds.Drivers): one proven
// to heal after a reset is no site. The driver is found from the opener
// (a driver's own stdlib.OpenDB), sql.OpenDB's connector, an ORM's
// dialector, or the constant driver name, narrowed to the driver packages
// linked into the package: those it imports and, through Drivers facts,
// those its imports link. A driver that only a package above this one
// imports (a main package's blank import) is out of sight here: go vet
// analyzes a package before its importers.

// linked maps each driver package linked into a package to its verdict.
type linked map[string]kinds.Verdict

// linkedDrivers returns the driver packages pass's package links, and
// exports them as its Drivers fact for its importers when one of them
// heals. It runs on every
// package, before the pass decides whether the package holds sites: the
// list must reach the packages above, through those that use no pool.
func linkedDrivers(pass *analysis.Pass) linked {
	l := linked{}
	for _, imp := range pass.Pkg.Imports() {
		if d, ok := kinds.DriverIn(imp); ok {
			l[d.Package] = d.Verdict
		}
		var f summaries.Drivers
		if pass.ImportPackageFact != nil && pass.ImportPackageFact(imp, &f) {
			for _, ld := range f.Linked {
				if _, ok := l[ld.Path]; !ok {
					l[ld.Path] = kinds.ParseVerdict(ld.Verdict)
				}
			}
		}
	}
	if l.anyHeals() && pass.ExportPackageFact != nil {
		f := &summaries.Drivers{}
		for path, v := range l {
			f.Linked = append(f.Linked, summaries.LinkedDriver{Path: path, Verdict: v.String()})
		}
		slices.SortFunc(f.Linked, func(a, b summaries.LinkedDriver) int { return strings.Compare(a.Path, b.Path) })
		pass.ExportPackageFact(f)
	}
	return l
}

// anyHeals reports whether a driver in l heals: only then can the list
// change a verdict above (a pool of a driver that fails or is unknown is
// judged by its settings either way), so only then is it exported.
func (l linked) anyHeals() bool {
	for _, v := range l {
		if v == kinds.VerdictHeals {
			return true
		}
	}
	return false
}

// verdict returns the verdict of driver package path: as linked here, or
// the one its rows agree on when its version is out of sight.
func (l linked) verdict(path string) kinds.Verdict {
	if v, ok := l[path]; ok {
		return v
	}
	return kinds.VersionlessVerdict(path)
}

// named returns the verdict of the driver registered as name: of the one
// package that registers it, or of the one linked here among several
// (pgx v4 and v5 both register "pgx").
func (l linked) named(name string) kinds.Verdict {
	cands := kinds.DriversNamed(name)
	var here []string
	for _, c := range cands {
		if _, ok := l[c]; ok {
			here = append(here, c)
		}
	}
	switch {
	case len(here) == 1:
		return l[here[0]]
	case len(here) == 0 && len(cands) == 1:
		return l.verdict(cands[0])
	}
	return kinds.VerdictUnknown
}

// heals reports whether the pool call opens is one whose driver is proven
// to heal after a reset; name is the constant driver name an opener
// wrapper of another package opens with, by its fact.
func (ix sites) heals(fn *types.Func, call *ast.CallExpr, driverArg int, name string) bool {
	if name != "" {
		return ix.drivers.named(name) == kinds.VerdictHeals
	}
	return ix.driverVerdict(fn, call, driverArg, 0) == kinds.VerdictHeals
}

// openedDriver returns the driver-name argument of a call of an opener
// wrapper of another package, or its constant driver name, by its fact.
func openedDriver(o *summaries.OpenedPool) (arg int, name string) {
	if o == nil {
		return -1, ""
	}
	return o.DriverParam - 1, o.Driver
}

// wrapperDriver records in o the driver of pool p that fn, an opener
// wrapper, returns to its callers: the constant name p's opener is given,
// or fn's parameter that carries it.
func wrapperDriver(ix *index.Index, p *index.Pool, fn *types.Func, o *summaries.OpenedPool) {
	_, arg, ok := kinds.OfOpener(kinds.CalleeName(ix.Info, p.Call))
	if !ok || arg < 0 || arg >= len(p.Call.Args) {
		return
	}
	e := p.Call.Args[arg]
	if c, _ := ix.Follow(e); c != nil && c.Kind() == constant.String {
		o.Driver = constant.StringVal(c)
		return
	}
	if id, ok := ast.Unparen(e).(*ast.Ident); ok {
		if v, ok := ix.Info.Uses[id].(*types.Var); ok {
			if f, i, ok := ix.ParamFunc(v); ok && f == fn && len(ix.WholeWrites[v]) == 0 {
				o.DriverParam = i + 1
			}
		}
	}
}

// driverVerdict returns the verdict of the driver of the pool call opens.
func (ix sites) driverVerdict(fn *types.Func, call *ast.CallExpr, driverArg, depth int) kinds.Verdict {
	name := kinds.QualifiedName(fn)
	if _, ok := kinds.ConnectorDriver(name); ok {
		return ix.connectorVerdict(fn, call)
	}
	if name == "database/sql.OpenDB" && len(call.Args) == 1 && depth < 4 {
		return ix.connectorArg(call.Args[0], depth+1)
	}
	if k, _, ok := kinds.OfOpener(name); ok {
		if f, ok := k.FrontOpened(name); ok && f.DialectorArg >= 0 && f.DialectorArg < len(call.Args) {
			return ix.dialectorVerdict(call.Args[f.DialectorArg])
		}
	}
	if driverArg >= 0 && driverArg < len(call.Args) {
		if d, ok := ix.constName(call.Args[driverArg]); ok {
			return ix.drivers.named(d)
		}
	}
	return kinds.VerdictUnknown
}

// connectorVerdict is the verdict of a call of a driver's connector (or
// its OpenDB), fn, as the version in sight has it: unknown when an
// option that can undo it is passed, or options that cannot be read.
func (ix sites) connectorVerdict(fn *types.Func, call *ast.CallExpr) kinds.Verdict {
	d, ok := kinds.DriverIn(fn.Pkg())
	if !ok {
		return kinds.VerdictUnknown
	}
	if d.Verdict == kinds.VerdictHeals && len(d.Voids) > 0 {
		sig := fn.Signature()
		if call.Ellipsis.IsValid() && sig.Variadic() {
			return kinds.VerdictUnknown // opts...: out of sight
		}
		for i, arg := range call.Args {
			if !sig.Variadic() || i < sig.Params().Len()-1 {
				continue
			}
			if !ix.harmlessOption(arg) {
				return kinds.VerdictUnknown
			}
		}
	}
	return d.Verdict
}

// harmlessOption reports whether a connector's option arg is a call of
// a function that cannot undo the driver's verdict.
func (ix sites) harmlessOption(arg ast.Expr) bool {
	call, ok := ast.Unparen(arg).(*ast.CallExpr)
	if !ok {
		return false
	}
	fn, ok := typeutil.Callee(ix.Info, call).(*types.Func)
	return ok && !kinds.VoidsVerdict(kinds.QualifiedName(fn))
}

// connectorArg is the verdict of the driver whose connector e is:
// a call of a connector function, a value of a connector type, or a
// variable every write of which is such a call.
func (ix sites) connectorArg(e ast.Expr, depth int) kinds.Verdict {
	if call, ok := ast.Unparen(e).(*ast.CallExpr); ok {
		if fn, ok := typeutil.Callee(ix.Info, call).(*types.Func); ok {
			if _, ok := kinds.ConnectorDriver(kinds.QualifiedName(fn)); ok {
				return ix.connectorVerdict(fn, call)
			}
		}
		return kinds.VerdictUnknown
	}
	if t := ix.Info.TypeOf(e); t != nil {
		if path, ok := kinds.ConnectorDriver(kinds.TypeName(kinds.Pointee(t))); ok {
			return ix.drivers.verdict(path)
		}
	}
	id, ok := ast.Unparen(e).(*ast.Ident)
	if !ok || depth > 4 {
		return kinds.VerdictUnknown
	}
	ws := ix.WholeWrites[ix.Info.Uses[id]]
	if len(ws) == 0 {
		return kinds.VerdictUnknown
	}
	v := kinds.VerdictHeals
	for _, w := range ws {
		if w == nil {
			return kinds.VerdictUnknown
		}
		if wv := ix.connectorArg(w, depth+1); wv != kinds.VerdictHeals {
			v = wv
		}
	}
	return v
}

// dialectorVerdict is the verdict of the driver an ORM's dialector e
// (postgres.Open(dsn), or a variable written once with one) opens with.
func (ix sites) dialectorVerdict(e ast.Expr) kinds.Verdict {
	call, d, ok := ix.dialector(e)
	if !ok || d.InProcess {
		return kinds.VerdictUnknown
	}
	if lit := configLit(call); lit != nil && hasKey(lit, d.Voids) {
		return kinds.VerdictUnknown
	}
	return ix.drivers.verdict(d.Driver)
}

// dialector returns the call of a known dialector e is, with its row.
func (ix sites) dialector(e ast.Expr) (*ast.CallExpr, kinds.Dialector, bool) {
	for range 4 {
		id, ok := ast.Unparen(e).(*ast.Ident)
		if !ok {
			break
		}
		v, ok := ix.Info.Uses[id].(*types.Var)
		if !ok || !ix.SingleWrite(v) {
			break
		}
		e = ix.WholeWrites[v][0]
	}
	call, ok := ast.Unparen(e).(*ast.CallExpr)
	if !ok {
		return nil, kinds.Dialector{}, false
	}
	d, ok := kinds.DialectorOf(kinds.CalleeName(ix.Info, call))
	return call, d, ok
}

// frontOpensNone reports whether call, an ORM's opener, opens no pool of
// its own that can be judged: its dialector opens an in-process database
// or hands it an existing pool (judged at its own site), or it is given
// callbacks that see the pool.
func (ix sites) frontOpensNone(f kinds.Front, call *ast.CallExpr) bool {
	if f.Callbacks >= 0 && len(call.Args) > f.Callbacks {
		return true // xorm.NewEngine(driver, dsn, func(db *sql.DB) error {...}): out of sight
	}
	if f.DialectorArg < 0 || f.DialectorArg >= len(call.Args) {
		return false
	}
	dcall, d, ok := ix.dialector(call.Args[f.DialectorArg])
	if !ok {
		return false
	}
	if d.InProcess {
		return true
	}
	lit := configLit(dcall)
	return lit != nil && d.Conn != "" && hasKey(lit, []string{d.Conn})
}

// configLit returns the struct literal a dialector's New is given
// (postgres.New(postgres.Config{...})), or nil.
func configLit(call *ast.CallExpr) *ast.CompositeLit {
	if len(call.Args) != 1 {
		return nil
	}
	lit, _ := ast.Unparen(call.Args[0]).(*ast.CompositeLit)
	return lit
}

func hasKey(lit *ast.CompositeLit, keys []string) bool {
	for _, elt := range lit.Elts {
		if kv, ok := elt.(*ast.KeyValueExpr); ok {
			if id, ok := kv.Key.(*ast.Ident); ok && slices.Contains(keys, id.Name) {
				return true
			}
		}
	}
	return false
}

// constName returns the constant driver name e resolves to.
func (ix sites) constName(e ast.Expr) (string, bool) {
	c, _ := ix.Follow(e)
	if c == nil || c.Kind() != constant.String {
		return "", false
	}
	return constant.StringVal(c), true
}
