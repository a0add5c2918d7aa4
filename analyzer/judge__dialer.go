package analyzer

import (
	"fmt"
	"go/ast"
	"go/types"

	"golang.org/x/tools/go/types/typeutil"
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
	ix       *index
	settings *settingsOf
	cfg      limits
}

// dialerOf returns the keepalive of the net.Dialer whose DialContext (or
// Dial) method p dials with, or nil when it is not a net.Dialer of this
// package. A nil DialContext means net/http's own dialer, whose probes
// (every 15s) keep a NAT mapping alive.
func (j dialers) dialerOf(p *pool) *dialerKeepAlive {
	for _, k := range p.kind.knobs {
		if k.role != dialFunc {
			continue
		}
		s := j.settings.knob(p, k)
		if s.unset() {
			continue
		}
		if len(s.values) != 1 || s.values[0].expr == nil {
			return nil
		}
		e := s.values[0].expr
		if fl, ok := ast.Unparen(e).(*ast.FuncLit); ok {
			if e = dialCallIn(j.ix.info, fl); e == nil {
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
	s, ok := j.ix.info.Selections[sel]
	if !ok || s.Kind() != types.MethodVal || !isDialer(pointee(s.Recv())) {
		return nil
	}
	d := &pool{origin: fromUnknown}
	switch x := stripAddr(sel.X).(type) {
	case *ast.CompositeLit:
		d.lit, d.node, d.origin = x, x, fromLiteral
	case *ast.Ident:
		obj := j.ix.info.Uses[x]
		ws := j.ix.wholeWrites[obj]
		if len(ws) == 0 && obj != nil && isDialer(obj.Type()) {
			d.node, d.obj, d.origin = x, obj, fromZero // var d net.Dialer
			break
		}
		if len(ws) != 1 {
			return nil
		}
		lit, ok := stripAddr(ws[0]).(*ast.CompositeLit)
		if !ok {
			return nil
		}
		d.lit, d.node, d.obj, d.origin = lit, lit, obj, fromLiteral
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
func (j dialers) keepAliveOf(d *pool) *dialerKeepAlive {
	ka := &dialerKeepAlive{node: d.node}
	cfg := j.settings.field(d, "KeepAliveConfig")
	if !cfg.unset() {
		if len(cfg.values) != 1 {
			return nil
		}
		lit, ok := stripAddr(cfg.values[0].expr).(*ast.CompositeLit)
		if !ok {
			return nil
		}
		enable := j.settings.literalField(lit, "Enable")
		if enable.all(value.isTrue) {
			idle := j.settings.literalField(lit, "Idle")
			switch {
			case idle.unset():
				return ka // 15s probes
			case !idle.resolved():
				return nil
			case idle.values[0].duration() < 0:
				ka.off, ka.why = true, "leaves TCP keepalive to the OS (KeepAliveConfig.Idle < 0; two hours on Linux)"
			case idle.values[0].duration() >= j.cfg.MaxIdle:
				ka.off, ka.why = true, fmt.Sprintf("probes only after %s (KeepAliveConfig.Idle)", seconds(idle.values[0].duration()))
			}
			return ka
		}
		if !enable.unset() && !enable.resolved() {
			return nil // Enable cannot be resolved
		}
	}
	keepAlive := j.settings.field(d, "KeepAlive")
	if keepAlive.unset() {
		return ka // 15s probes
	}
	if len(keepAlive.values) != 1 || !keepAlive.values[0].known() {
		return nil
	}
	v := keepAlive.values[0]
	switch dur := v.duration(); {
	case dur < 0:
		ka.off, ka.why, ka.node = true, "turns TCP keepalive off (KeepAlive < 0)", v.node
	case dur >= j.cfg.MaxIdle:
		ka.off, ka.why, ka.node = true, fmt.Sprintf("probes only after %s (KeepAlive)", seconds(dur)), v.node
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
		if s, ok := info.Selections[sel]; ok && s.Kind() == types.MethodVal && isDialer(pointee(s.Recv())) {
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
		if arg := networkArg(j.ix.info, call); arg >= 0 && arg < len(call.Args) {
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
	case fn.Signature().Recv() != nil && isDialer(pointee(fn.Signature().Recv().Type())) && fn.Name() == "Dial":
		return 0
	case fn.Signature().Recv() != nil && isDialer(pointee(fn.Signature().Recv().Type())) && fn.Name() == "DialContext":
		return 1
	}
	return -1
}

// isUnixNetwork reports whether network is "unix" where fl uses it.
func (j dialers) isUnixNetwork(network ast.Expr, fl *ast.FuncLit) bool {
	if v := j.settings.resolve(network, network); v.known() {
		return v.c.ExactString() == `"unix"`
	}
	cur, ok := j.ix.insp.Root().FindNode(fl)
	if !ok {
		return false
	}
	for c := range cur.Enclosing((*ast.CaseClause)(nil), (*ast.FuncDecl)(nil)) {
		cc, ok := c.Node().(*ast.CaseClause)
		if !ok {
			return false
		}
		sw, ok := c.Parent().Parent().Node().(*ast.SwitchStmt)
		if !ok || sw.Tag == nil || len(cc.List) == 0 || !sameExpr(j.ix.info, sw.Tag, network) {
			continue
		}
		for _, e := range cc.List {
			if tv := j.ix.info.Types[e]; tv.Value == nil || tv.Value.ExactString() != `"unix"` {
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
