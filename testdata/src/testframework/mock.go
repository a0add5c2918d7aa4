package testframework

import (
	"net/http"

	"go.uber.org/mock/gomock"
)

// MockRoundTripper is a gomock mock next to production code: quiet.
type MockRoundTripper struct {
	ctrl *gomock.Controller
	tr   *http.Transport
}

func NewMockRoundTripper(ctrl *gomock.Controller) *MockRoundTripper {
	return &MockRoundTripper{ctrl: ctrl, tr: &http.Transport{}}
}
