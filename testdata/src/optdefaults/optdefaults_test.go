package optdefaults

import "testing"

// A test that builds ClientInput does not make this package its builder.
func TestClientInput(t *testing.T) {
	_ = NewClientFromInput(&ClientInput{})
}
