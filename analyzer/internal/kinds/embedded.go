package kinds

import "go/types"

// EmbeddingOf returns the kind a struct type embeds by value, for a kind
// built as a value (type Server struct { http.Server; ... }), or nil: a
// value of such a type holds a pool of that kind, its promoted fields and
// methods are the pool's. An embedded pointer holds a pool built
// elsewhere (its own literal is the site).
func EmbeddingOf(t types.Type) *Kind {
	st, ok := types.Unalias(t).Underlying().(*types.Struct)
	if !ok || TypeName(t) == "" {
		return nil
	}
	for i := range st.NumFields() {
		f := st.Field(i)
		if f.Embedded() {
			if k := BuiltOfType(f.Type()); k != nil {
				return k
			}
		}
	}
	return nil
}

// OfTypeOrEmbedding is OfType, or the kind t embeds by value.
func OfTypeOrEmbedding(t types.Type) *Kind {
	if k := OfType(t); k != nil {
		return k
	}
	return EmbeddingOf(t)
}
