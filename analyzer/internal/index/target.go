package index

import (
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"net"
	"regexp"
	"strings"

	"github.com/keepalivelint/keepalivelint/analyzer/internal/kinds"
	"golang.org/x/tools/go/types/typeutil"
)

// LocalTarget reports whether an opener's target e provably names this
// host, where no middlebox sits: a constant localhost, 127.0.0.1, [::1]
// or unix: target (with or without a port or a passthrough:/// or dns:///
// scheme), or the address of a listener the package opened on a loopback
// address (l, _ := net.Listen("tcp", "127.0.0.1:0"); target
// l.Addr().String()). A target from a flag or a configuration is not.
func (ix *Index) LocalTarget(e ast.Expr) bool {
	return ix.localTarget(e, 0)
}

func (ix *Index) localTarget(e ast.Expr, depth int) bool {
	if e == nil || depth > 4 {
		return false
	}
	if s, ok := ix.constString(e); ok {
		return LocalAddress(s)
	}
	switch x := ast.Unparen(e).(type) {
	case *ast.BinaryExpr:
		// "passthrough:///" + l.Addr().String()
		prefix, ok := ix.constString(x.X)
		if x.Op != token.ADD || !ok {
			return false
		}
		if isUnixScheme(prefix) {
			return true
		}
		return (prefix == "" || schemeOnly.MatchString(prefix)) && ix.localTarget(x.Y, depth+1)
	case *ast.Ident:
		v, ok := ix.Info.Uses[x].(*types.Var)
		if !ok || !ix.SingleWrite(v) {
			return false
		}
		return ix.localTarget(ix.WholeWrites[v][0], depth+1)
	case *ast.CallExpr:
		return ix.listenerAddr(x)
	}
	return false
}

// listenerAddr reports whether call is l.Addr().String() for a listener
// l the package opened, once, on a loopback address or a unix socket.
func (ix *Index) listenerAddr(call *ast.CallExpr) bool {
	str, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
	if !ok || str.Sel.Name != "String" || len(call.Args) != 0 {
		return false
	}
	addr, ok := ast.Unparen(str.X).(*ast.CallExpr)
	if !ok || len(addr.Args) != 0 {
		return false
	}
	sel, ok := ast.Unparen(addr.Fun).(*ast.SelectorExpr)
	if !ok || sel.Sel.Name != "Addr" {
		return false
	}
	id, ok := ast.Unparen(sel.X).(*ast.Ident)
	if !ok {
		return false
	}
	v, ok := ix.Info.Uses[id].(*types.Var)
	if !ok || !ix.SingleWrite(v) {
		return false
	}
	listen, ok := ast.Unparen(ix.WholeWrites[v][0]).(*ast.CallExpr)
	if !ok || len(listen.Args) != 2 {
		return false
	}
	fn, ok := typeutil.Callee(ix.Info, listen).(*types.Func)
	if !ok || kinds.QualifiedName(fn) != "net.Listen" {
		return false
	}
	network, ok1 := ix.constString(listen.Args[0])
	address, ok2 := ix.constString(listen.Args[1])
	if !ok1 || !ok2 {
		return false
	}
	if network == "unix" || network == "unixpacket" {
		return true
	}
	return loopbackHost(address)
}

// constString returns the string constant e folds to.
func (ix *Index) constString(e ast.Expr) (string, bool) {
	c, _ := ix.Follow(e)
	if c == nil || c.Kind() != constant.String {
		return "", false
	}
	return constant.StringVal(c), true
}

// schemeOnly matches a target's scheme and empty authority
// (passthrough:///, dns:///).
var schemeOnly = regexp.MustCompile(`^(passthrough|dns):///$`)

func isUnixScheme(s string) bool {
	return strings.HasPrefix(s, "unix:") || strings.HasPrefix(s, "unix-abstract:")
}

// LocalAddress reports whether target names this host: a unix: target,
// or localhost or a loopback IP, with or without a port and a
// passthrough:/// or dns:/// scheme.
func LocalAddress(target string) bool {
	if isUnixScheme(target) {
		return true
	}
	for _, scheme := range []string{"passthrough:///", "dns:///"} {
		target = strings.TrimPrefix(target, scheme)
	}
	return loopbackHost(target)
}

// loopbackHost reports whether hostport's host is localhost or a
// loopback IP.
func loopbackHost(hostport string) bool {
	host, _, err := net.SplitHostPort(hostport)
	if err != nil {
		host = strings.TrimSuffix(strings.TrimPrefix(hostport, "["), "]")
	}
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}
