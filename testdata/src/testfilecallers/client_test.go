package testfilecallers

import "testing"

func TestClient(t *testing.T) {
	_ = newTestTransport()
	_ = fakeClient()
	shadowed := func() int { return 1 }
	_ = shadowed()
}
