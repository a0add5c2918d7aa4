package effects

import (
	"go/types"

	"github.com/keepalivelint/keepalivelint/analyzer/internal/summaries"
)

// OpenedFact returns what fn, an opener wrapper of another package, opens
// for its callers by its fact (its driver), or nil.
func (ix *Summarizer) OpenedFact(fn *types.Func) *summaries.OpenedPool {
	if fn.Pkg() == ix.Pkg || ix.importFact == nil {
		return nil
	}
	var fact summaries.PoolFact
	if !ix.importFact(fn.Origin(), &fact) {
		return nil
	}
	return fact.Opens
}
