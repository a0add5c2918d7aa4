package incremental

import (
	"bytes"
	"encoding/gob"
	"fmt"
	"go/types"
	"reflect"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/types/objectpath"
)

// factSet is what one analyzer exported on one package: facts about the
// package's own objects, and about the package.
type factSet struct {
	objects  map[objectFactKey]analysis.Fact
	packages map[reflect.Type]analysis.Fact
}

type objectFactKey struct {
	obj types.Object
	typ reflect.Type
}

func newFactSet() *factSet {
	return &factSet{objects: map[objectFactKey]analysis.Fact{}, packages: map[reflect.Type]analysis.Fact{}}
}

// visibleFrom reports whether a fact about obj, exported by the analysis
// of its own package dep, reaches a package that imports dep directly or
// not. x/tools' checker passes facts along import edges and keeps, at each
// edge, those about objects the compiler's export data of the imported
// package can mention (checker.exportedFrom); along a chain, that leaves
// what this says. Keeping the same rule keeps the findings identical to
// the standalone driver's.
func visibleFrom(obj types.Object, direct bool) bool {
	switch obj := obj.(type) {
	case *types.Func:
		method := obj.Type().(*types.Signature).Recv() != nil
		return method || direct && obj.Exported()
	case *types.Var:
		return obj.IsField() || direct
	case *types.TypeName, *types.Const:
		return true
	}
	return false
}

// An encodedFact is a fact as the cache keeps it: the object by its path
// in its package (objectpath), since objects are not the same across
// runs.
type encodedFact struct {
	Analyzer string
	Package  bool // a fact about the package; Path is empty
	Path     objectpath.Path
	Fact     analysis.Fact
}

// encodeFacts lists the facts of a package's analyzers that other
// packages can see; a fact about an object no path reaches (a local
// type's method) is left out, as the go vet driver leaves it out.
func encodeFacts(sets map[*analysis.Analyzer]*factSet) []encodedFact {
	var out []encodedFact
	var enc objectpath.Encoder
	for a, set := range sets {
		for _, fact := range set.packages {
			out = append(out, encodedFact{Analyzer: a.Name, Package: true, Fact: fact})
		}
		for k, fact := range set.objects {
			path, err := enc.For(k.obj)
			if err != nil {
				continue
			}
			out = append(out, encodedFact{Analyzer: a.Name, Path: path, Fact: fact})
		}
	}
	return out
}

// decodeFacts finds the objects of facts in pkg, as this run knows it
// (from source or export data); facts whose object it does not hold are
// dropped: nothing that imports pkg in this run can refer to it.
func decodeFacts(facts []encodedFact, pkg *types.Package, analyzers map[string]*analysis.Analyzer) map[*analysis.Analyzer]*factSet {
	sets := map[*analysis.Analyzer]*factSet{}
	for _, f := range facts {
		a := analyzers[f.Analyzer]
		if a == nil || f.Fact == nil {
			continue
		}
		set := sets[a]
		if set == nil {
			set = newFactSet()
			sets[a] = set
		}
		if f.Package {
			set.packages[reflect.TypeOf(f.Fact)] = f.Fact
			continue
		}
		obj, err := objectpath.Object(pkg, f.Path)
		if err != nil {
			continue
		}
		set.objects[objectFactKey{obj, reflect.TypeOf(f.Fact)}] = f.Fact
	}
	return sets
}

// registerFacts tells gob the fact types of the analyzers, which the
// cache entries hold as interface values.
func registerFacts(analyzers []*analysis.Analyzer) {
	for _, a := range analyzers {
		for _, f := range a.FactTypes {
			gob.Register(f)
		}
	}
}

// A result is a package's cache entry: its facts and its diagnostics.
type result struct {
	Facts       []encodedFact
	Diagnostics []Diagnostic
}

func encodeResult(r result) ([]byte, error) {
	var buf bytes.Buffer
	if err := gob.NewEncoder(&buf).Encode(r); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

func decodeResult(data []byte) (r result, err error) {
	defer func() {
		// gob reports most corruption as errors; a fact type's own
		// decoding may not, and a corrupt entry must stay a miss.
		if e := recover(); e != nil {
			err = fmt.Errorf("corrupt cache entry: %v", e)
		}
	}()
	err = gob.NewDecoder(bytes.NewReader(data)).Decode(&r)
	return r, err
}
