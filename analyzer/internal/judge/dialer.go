package judge

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"slices"

	"golang.org/x/tools/go/types/typeutil"

	"github.com/keepalivelint/keepalivelint/analyzer/internal/index"
	"github.com/keepalivelint/keepalivelint/analyzer/internal/kinds"
	"github.com/keepalivelint/keepalivelint/analyzer/internal/resolve"
	"github.com/keepalivelint/keepalivelint/analyzer/internal/values"
)

// dialerKeepAlive describes the TCP keepalive of the net.Dialer a transport
// dials with, when it is built in this package.
type dialerKeepAlive struct {
	node ast.Node // the dialer's literal or the write that turned keepalive off
	off  bool     // no probe reaches the middlebox before the limit
	why  string   // "turns TCP keepalive off (KeepAlive: -1)"
}

// dialers judges the dialers pools dial with: the TCP keepalive of a
// net.Dialer, a dial function that dials only unix sockets.
type dialers struct {
	ix       *index.Index
	settings *resolve.Resolver
	cfg      Limits
}

// dialerOf returns the keepalive of the net.Dialer whose DialContext (or
// Dial) method p dials with, or nil when it is not a net.Dialer of this
// package. A nil DialContext means net/http's own dialer, whose probes
// (every 15s) keep a NAT mapping alive.
func (j dialers) dialerOf(p *index.Pool) *dialerKeepAlive {
	for _, k := range p.Kind.Knobs {
		if k.Role != kinds.DialFunc || k.TLSOnly {
			continue
		}
		s := j.settings.Knob(p, k)
		if s.Unset() {
			continue
		}
		if len(s.Values) != 1 || s.Values[0].Expr == nil {
			return nil
		}
		e := s.Values[0].Expr
		if fl, ok := ast.Unparen(e).(*ast.FuncLit); ok {
			if e = dialCallIn(j.ix.Info, fl); e == nil {
				return nil // dials some other way: a tunnel, an ssh client
			}
		}
		return j.dialerFromMethod(e)
	}
	return nil
}

// dialerFromMethod resolves d.DialContext, where d is a net.Dialer literal
// or a variable holding one, to that dialer's keepalive.
func (j dialers) dialerFromMethod(e ast.Expr) *dialerKeepAlive {
	sel, ok := ast.Unparen(e).(*ast.SelectorExpr)
	if !ok {
		return nil
	}
	s, ok := j.ix.Info.Selections[sel]
	if !ok || s.Kind() != types.MethodVal || !kinds.IsDialer(kinds.Pointee(s.Recv())) {
		return nil
	}
	d := &index.Pool{Origin: index.FromUnknown}
	switch x := values.StripAddr(sel.X).(type) {
	case *ast.CompositeLit:
		d.Lit, d.Node, d.Origin = x, x, index.FromLiteral
	case *ast.Ident:
		obj := j.ix.Info.Uses[x]
		ws := j.ix.WholeWrites[obj]
		if len(ws) == 0 && obj != nil && kinds.IsDialer(obj.Type()) {
			d.Node, d.Obj, d.Origin = x, obj, index.FromZero // var d net.Dialer
			break
		}
		if len(ws) != 1 {
			return nil
		}
		lit, ok := values.StripAddr(ws[0]).(*ast.CompositeLit)
		if !ok {
			return nil
		}
		d.Lit, d.Node, d.Obj, d.Origin = lit, lit, obj, index.FromLiteral
	default:
		return nil
	}
	return j.keepAliveOf(d)
}

// keepAliveOf decides whether dialer d sends TCP keepalive probes before
// the limit. As net.Dialer documents: KeepAliveConfig.Enable true turns
// probes on (after Idle, 15s when zero; a negative Idle leaves the OS
// default, two hours on Linux); otherwise a negative KeepAlive turns them
// off and a positive one sets the idle time.
func (j dialers) keepAliveOf(d *index.Pool) *dialerKeepAlive {
	ka := &dialerKeepAlive{node: d.Node}
	cfg := j.settings.Field(d, "KeepAliveConfig")
	if !cfg.Unset() {
		if len(cfg.Values) != 1 {
			return nil
		}
		lit, ok := values.StripAddr(cfg.Values[0].Expr).(*ast.CompositeLit)
		if !ok {
			return nil
		}
		enable := j.settings.LiteralField(lit, "Enable")
		if enable.All(values.Value.IsTrue) {
			idle := j.settings.LiteralField(lit, "Idle")
			switch {
			case idle.Unset():
				return ka // 15s probes
			case !idle.Resolved():
				return nil
			case idle.Values[0].Duration() < 0:
				ka.off, ka.why = true, "leaves TCP keepalive to the OS (KeepAliveConfig.Idle < 0; two hours on Linux)"
			case idle.Values[0].Duration() >= j.cfg.MaxIdle:
				ka.off, ka.why = true, fmt.Sprintf("probes only after %s (KeepAliveConfig.Idle)", values.Seconds(idle.Values[0].Duration()))
			}
			return ka
		}
		if !enable.Unset() && !enable.Resolved() {
			return nil // Enable cannot be resolved
		}
	}
	keepAlive := j.settings.Field(d, "KeepAlive")
	if keepAlive.Unset() {
		return ka // 15s probes
	}
	if len(keepAlive.Values) != 1 || !keepAlive.Values[0].Known() {
		return nil
	}
	v := keepAlive.Values[0]
	switch dur := v.Duration(); {
	case dur < 0:
		ka.off, ka.why, ka.node = true, "turns TCP keepalive off (KeepAlive < 0)", v.Node
	case dur >= j.cfg.MaxIdle:
		ka.off, ka.why, ka.node = true, fmt.Sprintf("probes only after %s (KeepAlive)", values.Seconds(dur)), v.Node
	}
	return ka
}

// dialCallIn returns d.DialContext (or d.Dial) when the function literal
// dials through exactly one net.Dialer method call, as a dial option's
// closure does: func(ctx context.Context, addr string) (net.Conn, error) {
// return d.DialContext(ctx, "tcp", addr) }.
func dialCallIn(info *types.Info, fl *ast.FuncLit) ast.Expr {
	var found []ast.Expr
	ast.Inspect(fl.Body, func(n ast.Node) bool {
		call, ok := n.(*ast.CallExpr)
		if !ok {
			return true
		}
		sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
		if !ok {
			return true
		}
		if s, ok := info.Selections[sel]; ok && s.Kind() == types.MethodVal && kinds.IsDialer(kinds.Pointee(s.Recv())) {
			found = append(found, sel)
		}
		return true
	})
	if len(found) != 1 {
		return nil
	}
	return found[0]
}

// dialsUnixSocket reports whether a dial function value dials only unix
// sockets: no middlebox sits on the path, so nothing drops an idle flow.
// The network is a constant "unix", or an expression the enclosing switch
// has matched against "unix" (case "unix": ... net.Dial(u.Scheme, ...)).
func (j dialers) dialsUnixSocket(e ast.Expr) bool {
	fl, ok := ast.Unparen(e).(*ast.FuncLit)
	if !ok {
		return false
	}
	var networks []ast.Expr
	ast.Inspect(fl.Body, func(n ast.Node) bool {
		call, ok := n.(*ast.CallExpr)
		if !ok {
			return true
		}
		if arg := networkArg(j.ix.Info, call); arg >= 0 && arg < len(call.Args) {
			networks = append(networks, call.Args[arg])
		}
		return true
	})
	if len(networks) == 0 {
		return false
	}
	for _, nw := range networks {
		if !j.isUnixNetwork(nw, fl) {
			return false
		}
	}
	return true
}

// networkArg returns the index of the network argument of a net dial
// call (net.Dial, net.DialTimeout, (*net.Dialer).Dial and DialContext),
// or -1.
func networkArg(info *types.Info, call *ast.CallExpr) int {
	fn, ok := typeutil.Callee(info, call).(*types.Func)
	if !ok || fn.Pkg() == nil || fn.Pkg().Path() != "net" {
		return -1
	}
	switch {
	case fn.Signature().Recv() == nil && (fn.Name() == "Dial" || fn.Name() == "DialTimeout"):
		return 0
	case fn.Signature().Recv() != nil && kinds.IsDialer(kinds.Pointee(fn.Signature().Recv().Type())) && fn.Name() == "Dial":
		return 0
	case fn.Signature().Recv() != nil && kinds.IsDialer(kinds.Pointee(fn.Signature().Recv().Type())) && fn.Name() == "DialContext":
		return 1
	}
	return -1
}

// isUnixNetwork reports whether network is "unix" where fl uses it.
func (j dialers) isUnixNetwork(network ast.Expr, fl *ast.FuncLit) bool {
	if v := j.settings.Resolve(network, network); v.Known() {
		return v.C.ExactString() == `"unix"`
	}
	cur, ok := j.ix.Inspector.Root().FindNode(fl)
	if !ok {
		return false
	}
	for c := range cur.Enclosing((*ast.CaseClause)(nil), (*ast.FuncDecl)(nil)) {
		cc, ok := c.Node().(*ast.CaseClause)
		if !ok {
			return false
		}
		sw, ok := c.Parent().Parent().Node().(*ast.SwitchStmt)
		if !ok || sw.Tag == nil || len(cc.List) == 0 || !sameExpr(j.ix.Info, sw.Tag, network) {
			continue
		}
		for _, e := range cc.List {
			if tv := j.ix.Info.Types[e]; tv.Value == nil || tv.Value.ExactString() != `"unix"` {
				return false
			}
		}
		return true
	}
	return false
}

// sameExpr reports whether a and b are the same chain of selections from
// the same variable (u.Scheme and u.Scheme), which nothing in between
// changes in the switch that tests it.
func sameExpr(info *types.Info, a, b ast.Expr) bool {
	switch x := ast.Unparen(a).(type) {
	case *ast.Ident:
		y, ok := ast.Unparen(b).(*ast.Ident)
		return ok && info.ObjectOf(x) != nil && info.ObjectOf(x) == info.ObjectOf(y)
	case *ast.SelectorExpr:
		y, ok := ast.Unparen(b).(*ast.SelectorExpr)
		return ok && x.Sel.Name == y.Sel.Name && info.ObjectOf(x.Sel) == info.ObjectOf(y.Sel) && sameExpr(info, x.X, y.X)
	}
	return false
}

// dialsNoNetwork reports whether every connection p's dial functions
// make crosses no middlebox: each dial function that is set dials only
// unix sockets or returns connections it did not dial (dialsNothing),
// and at least one is set. A kind whose plain connections go through a
// dial function left unset (an http.Transport with DialTLSContext alone)
// still dials the network for them.
func (j dialers) dialsNoNetwork(p *index.Pool) bool {
	set, plain, plainSet := false, false, false
	for _, k := range p.Kind.Knobs {
		if k.Role != kinds.DialFunc {
			continue
		}
		plain = plain || !k.TLSOnly
		s := j.settings.Knob(p, k)
		if s.Unset() {
			continue
		}
		if len(s.Values) != 1 || s.Values[0].Expr == nil {
			return false
		}
		if e := s.Values[0].Expr; !j.dialsUnixSocket(e) && !j.dialsNothing(e) {
			return false
		}
		set, plainSet = true, plainSet || !k.TLSOnly
	}
	return set && (plainSet || !plain)
}

// dialsNothing reports whether a dial function (a literal, a variable
// written once with one, or a function or method of this package)
// returns only connections it did not dial: the caller's end of a
// net.Pipe, a value of a type that wraps no network connection (over a
// child process's stdin and stdout), or such a connection made elsewhere
// and captured, as far as the package shows where it comes from. A
// connection of unknown origin may be a network one.
func (j dialers) dialsNothing(e ast.Expr) bool {
	body := j.funcBody(e, 0)
	return body != nil && j.returnsLocalConns(body, 0)
}

// funcBody returns the body of the function e denotes, or nil.
func (j dialers) funcBody(e ast.Expr, depth int) *ast.BlockStmt {
	if depth > 4 {
		return nil
	}
	switch x := ast.Unparen(e).(type) {
	case *ast.FuncLit:
		return x.Body
	case *ast.Ident:
		switch obj := j.ix.Info.Uses[x].(type) {
		case *types.Var:
			if j.ix.SingleWrite(obj) {
				return j.funcBody(j.ix.WholeWrites[obj][0], depth+1)
			}
		case *types.Func:
			return j.declBody(obj)
		}
	case *ast.SelectorExpr:
		if s, ok := j.ix.Info.Selections[x]; ok && s.Kind() == types.MethodVal {
			if fn, ok := s.Obj().(*types.Func); ok {
				return j.declBody(fn)
			}
		}
	}
	return nil
}

// declBody returns the body of fn when this package declares it.
func (j dialers) declBody(fn *types.Func) *ast.BlockStmt {
	fn = fn.Origin()
	if fn.Pkg() != j.ix.Pkg {
		return nil
	}
	for cur := range j.ix.Inspector.Root().Preorder((*ast.FuncDecl)(nil)) {
		fd := cur.Node().(*ast.FuncDecl)
		if j.ix.Info.Defs[fd.Name] == fn {
			return fd.Body
		}
	}
	return nil
}

// returnsLocalConns reports whether every return statement of body (not
// of the closures in it) returns, as its first result, nil or a
// connection that is not dialed over the network, and some returns one.
func (j dialers) returnsLocalConns(body *ast.BlockStmt, depth int) bool {
	if body == nil || depth > 4 {
		return false
	}
	found, ok := false, true
	ast.Inspect(body, func(n ast.Node) bool {
		if !ok {
			return false
		}
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.ReturnStmt:
			switch {
			case len(n.Results) == 0:
				ok = false // named results: not followed
			case isNil(j.ix.Info, n.Results[0]):
			case len(n.Results) == 1 && j.localCall(n.Results[0], depth):
				found = true // return pipeConn(...)
			case len(n.Results) == 1:
				ok = false
			default:
				found = true
				ok = j.localConn(n.Results[0], depth)
			}
			return false
		}
		return true
	})
	return ok && found
}

// localCall reports whether call, a call whose results a dial function
// returns as they are, makes a connection that is not dialed: net.Pipe,
// or a function of this package that returns only such connections.
func (j dialers) localCall(e ast.Expr, depth int) bool {
	call, ok := ast.Unparen(e).(*ast.CallExpr)
	if !ok {
		return false
	}
	fn, ok := typeutil.Callee(j.ix.Info, call).(*types.Func)
	if !ok {
		return false
	}
	name := kinds.QualifiedName(fn)
	if recv := fn.Signature().Recv(); recv != nil {
		if named, ok := types.Unalias(kinds.Pointee(recv.Type())).(*types.Named); ok {
			name = kinds.QualifiedName(named.Obj()) + "." + fn.Name()
		}
	}
	if slices.Contains(localConnFuncs, name) {
		return true
	}
	switch name {
	case "crypto/tls.Client", "crypto/tls.Server":
		return len(call.Args) == 2 && j.localConn(call.Args[0], depth+1) // TLS over a conn not dialed
	}
	return j.returnsLocalConns(j.declBody(fn), depth+1)
}

// localConnFuncs are the functions and methods known to return a
// connection that crosses no network: the ends of an in-memory pipe.
var localConnFuncs = []string{
	"net.Pipe",
	"google.golang.org/grpc/test/bufconn.Listener.Dial",
	"google.golang.org/grpc/test/bufconn.Listener.DialContext",
}

// localConn reports whether the connection e is not dialed over the
// network, as far as the package shows where it comes from.
func (j dialers) localConn(e ast.Expr, depth int) bool {
	if depth > 4 {
		return false
	}
	switch x := values.StripAddr(e).(type) {
	case *ast.CallExpr:
		return j.localCall(x, depth)
	case *ast.CompositeLit:
		return j.wrapsNoNetConn(x, depth)
	case *ast.Ident:
		v, ok := j.ix.Info.Uses[x].(*types.Var)
		if !ok || j.ix.AddrTaken[v] {
			return false
		}
		return j.localVar(v, depth)
	case *ast.SelectorExpr:
		f, ok := j.ix.RootObj(x).(*types.Var)
		if !ok || !f.IsField() || f.Pkg() != j.ix.Pkg || len(j.ix.WholeWrites[f]) == 0 {
			return false
		}
		for _, w := range j.ix.WholeWrites[f] {
			if w == nil || !j.localConn(w, depth+1) {
				return false
			}
		}
		return true
	}
	return false
}

// localVar reports whether every value the variable v is given is a
// connection not dialed: c2 of c1, c2 := net.Pipe(), or a value localConn
// accepts.
func (j dialers) localVar(v *types.Var, depth int) bool {
	ws := j.ix.WholeWrites[v]
	if len(ws) == 0 {
		return false // a parameter: from the caller
	}
	unknown := 0
	for _, w := range ws {
		if w == nil {
			unknown++
			continue
		}
		if !j.localConn(w, depth+1) {
			return false
		}
	}
	if unknown == 0 {
		return true
	}
	// A later variable of a multi-value definition (_, c := net.Pipe())
	// has no value of its own in the index: read its definition.
	if unknown > 1 {
		return false
	}
	cur, ok := j.ix.Inspector.Root().FindByPos(v.Pos(), v.Pos()+token.Pos(len(v.Name())))
	if !ok {
		return false
	}
	as, ok := cur.Parent().Node().(*ast.AssignStmt)
	if !ok || len(as.Rhs) != 1 || len(as.Lhs) < 2 {
		return false
	}
	return j.localCall(as.Rhs[0], depth)
}

// wrapsNoNetConn reports whether lit builds a value of a type that wraps
// no network connection: every field that can hold a net.Conn is left
// nil or given a connection that is not dialed.
func (j dialers) wrapsNoNetConn(lit *ast.CompositeLit, depth int) bool {
	st, ok := values.TypeOf(j.ix.Info, lit).Underlying().(*types.Struct)
	if !ok {
		return false
	}
	given := map[string]ast.Expr{}
	for i, elt := range lit.Elts {
		if kv, ok := elt.(*ast.KeyValueExpr); ok {
			if id, ok := kv.Key.(*ast.Ident); ok {
				given[id.Name] = kv.Value
			}
		} else if i < st.NumFields() {
			given[st.Field(i).Name()] = elt
		}
	}
	for i := range st.NumFields() {
		f := st.Field(i)
		if !j.mayHoldNetConn(f.Type(), 0) {
			continue
		}
		if v, ok := given[f.Name()]; ok && !isNil(j.ix.Info, v) && !j.localConn(v, depth+1) {
			return false
		}
	}
	return true
}

// mayHoldNetConn reports whether a value of type t may be or hold a
// network connection: a type that has net.Conn's methods (net.Conn,
// *net.TCPConn), or a struct or pointer to one with such a field.
func (j dialers) mayHoldNetConn(t types.Type, depth int) bool {
	if depth > 3 {
		return true
	}
	if isNetConn(t) {
		return true
	}
	switch u := types.Unalias(t).Underlying().(type) {
	case *types.Pointer:
		return j.mayHoldNetConn(u.Elem(), depth+1)
	case *types.Struct:
		for i := range u.NumFields() {
			if j.mayHoldNetConn(u.Field(i).Type(), depth+1) {
				return true
			}
		}
	case *types.Interface:
		return u.Empty() // any may hold anything
	}
	return false
}

// isNetConn reports whether t, or a pointer to it, has the methods of
// net.Conn.
func isNetConn(t types.Type) bool {
	for _, m := range []string{"Read", "Write", "Close", "LocalAddr", "RemoteAddr", "SetDeadline"} {
		if o, _, _ := types.LookupFieldOrMethod(t, true, nil, m); o == nil {
			return false
		}
	}
	return true
}

// isNil reports whether e is the nil value.
func isNil(info *types.Info, e ast.Expr) bool {
	tv, ok := info.Types[e]
	return ok && tv.IsNil()
}

// servesOnlyUnix reports whether server p serves only on unix sockets:
// every call of its listener methods is Serve or ServeTLS given a
// listener of network "unix" (ListenAndServe listens on TCP). No balancer
// sits in front of a unix socket.
func (j dialers) servesOnlyUnix(p *index.Pool, settings []values.Setting) bool {
	served := false
	for i, k := range p.Kind.Knobs {
		if k.Role != kinds.Listener {
			continue
		}
		for _, v := range settings[i].Values {
			if v.Expr == nil || !j.isUnixListener(v.Expr) {
				return false
			}
			served = true
		}
	}
	return served
}

// isUnixListener reports whether e is, or is a variable whose one write
// is, a listener opened on a unix socket: net.Listen("unix", ...),
// net.ListenUnix, or a net.ListenConfig's Listen with network "unix".
func (j dialers) isUnixListener(e ast.Expr) bool {
	for range 4 {
		switch x := ast.Unparen(e).(type) {
		case *ast.CallExpr:
			return j.listensUnix(x)
		case *ast.Ident:
			v, ok := j.ix.Info.Uses[x].(*types.Var)
			ws := j.ix.WholeWrites[v]
			if !ok || len(ws) != 1 || ws[0] == nil || j.ix.AddrTaken[v] {
				return false
			}
			e = ws[0]
		default:
			return false
		}
	}
	return false
}

// listensUnix reports whether call opens a listener on a unix socket.
func (j dialers) listensUnix(call *ast.CallExpr) bool {
	fn, ok := typeutil.Callee(j.ix.Info, call).(*types.Func)
	if !ok || fn.Pkg() == nil || fn.Pkg().Path() != "net" {
		return false
	}
	network := -1
	switch {
	case fn.Name() == "ListenUnix" && fn.Signature().Recv() == nil:
		return true
	case fn.Name() == "Listen" && fn.Signature().Recv() == nil:
		network = 0
	case fn.Name() == "Listen" && fn.Signature().Recv() != nil && kinds.TypeName(kinds.Pointee(fn.Signature().Recv().Type())) == "net.ListenConfig":
		network = 1
	}
	if network < 0 || network >= len(call.Args) {
		return false
	}
	v := j.settings.Resolve(call.Args[network], call.Args[network])
	return v.Known() && v.C.ExactString() == `"unix"`
}
