package testonlycallers

import "testing"

func TestNew(t *testing.T) {
	_ = fromTestFile()
	_ = NewTransport()
}
