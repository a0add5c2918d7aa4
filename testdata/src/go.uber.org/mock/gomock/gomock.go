// Package gomock stubs go.uber.org/mock/gomock.
package gomock

type Controller struct{}

type TestReporter interface {
	Errorf(format string, args ...any)
}

func NewController(t TestReporter) *Controller { return &Controller{} }
