// Package testfilecallers has unexported helpers that only its _test.go
// files call. Each driver analyzes the package alone (without those files)
// and its test variant (with them): a helper only tests call is test
// support in both, so that the command, go vet and golangci-lint agree.
package testfilecallers

import "net/http"

// newTestTransport is called only from client_test.go: quiet, in the
// package alone too.
func newTestTransport() *http.Transport {
	return &http.Transport{}
}

// fakeClient is called only from client_test.go, viaHelper only from
// fakeClient: both quiet.
func fakeClient() *http.Client {
	return &http.Client{Transport: viaHelper()}
}

func viaHelper() *http.Transport {
	return &http.Transport{}
}

// onlyIgnored is called only from a _test.go file that build constraints
// exclude: no unit sees a call from test code, checked.
func onlyIgnored() *http.Transport {
	return &http.Transport{} // want `\(no-idle-timeout\)$`
}

// shadowed is named in client_test.go only by a local variable of the
// same name: no call from test code, checked.
func shadowed() *http.Transport {
	return &http.Transport{} // want `\(no-idle-timeout\)$`
}

// Client is production code: reported.
var Client = &http.Client{Transport: &http.Transport{}} // want `\(no-idle-timeout\)$`
