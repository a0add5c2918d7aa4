module github.com/keepalivelint/keepalivelint/golangci-plugin

go 1.26.0

require (
	github.com/golangci/plugin-module-register v0.1.2
	github.com/keepalivelint/keepalivelint v0.0.0-00010101000000-000000000000
	golang.org/x/tools v0.52.0
)

require (
	golang.org/x/mod v0.42.0 // indirect
	golang.org/x/sync v0.24.0 // indirect
)

// The analyzer is the root module of this repository. This replace serves
// development and tests; it is ignored when the plugin is consumed as a
// dependency, where the require above must name a published version.
replace github.com/keepalivelint/keepalivelint => ../
