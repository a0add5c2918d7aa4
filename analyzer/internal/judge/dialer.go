package judge

import (
	"fmt"
	"go/ast"
	"go/types"

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
		if k.Role != kinds.DialFunc {
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
