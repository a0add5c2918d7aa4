package testfilecallers_test

import "testing"

// The external test package cannot call unexported functions; a function
// of its own with a helper's name refers to nothing of the package.
func onlyIgnored() {}

func TestExternal(t *testing.T) { onlyIgnored() }
