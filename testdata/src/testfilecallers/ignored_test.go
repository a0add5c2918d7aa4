//go:build never

package testfilecallers

import "testing"

func TestIgnored(t *testing.T) {
	_ = onlyIgnored()
}
