package flow

import "go/ast"

// Bypassed reports whether some path from fn's entry reaches target
// without passing added: an option added to a slice on some paths only
// before the call that passes the slice on (if debug { opts =
// append(opts, o) }; newServer(opts...)). An added inside target (an
// argument of the call) is on every path to it.
func (fl *Flow) Bypassed(fn ast.Node, target, added ast.Node) bool {
	if target.Pos() <= added.Pos() && added.End() <= target.End() {
		return false
	}
	g := fl.graphOf(fn)
	if g == nil {
		return false
	}
	end, ok1 := g.locate(target)
	a, ok2 := g.locate(added)
	if !ok1 || !ok2 || a == end {
		return false
	}
	return g.reaches(at{g.g.Blocks[0], 0}, end, map[at]bool{a: true})
}
