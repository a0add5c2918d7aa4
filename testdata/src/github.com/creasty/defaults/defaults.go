// Package defaults is a stub of github.com/creasty/defaults v1.11.0.
package defaults

func Set(ptr interface{}) error { return nil }
func MustSet(ptr interface{})   {}
