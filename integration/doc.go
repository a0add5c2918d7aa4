// Package integration holds the end-to-end tests of keepalivelint's
// integrations, run by the repository's test command (go test ./...):
//
//   - golangci_test.go builds golangci-lint v2 with the module plugin in
//     golangci-plugin/, offline (module proxy only), caches the binary, and
//     runs it on testdata/golangci;
//   - plugin_test.go runs the golangci-plugin module's own tests, which
//     `go test ./...` in the root module does not reach (it is its own
//     module);
//   - githook_test.go drives hooks/pre-commit in throw-away git
//     repositories;
//   - precommit_test.go runs .pre-commit-hooks.yaml with the pre-commit
//     framework (skipped when pre-commit is not installed).
//
// The golangci-lint tests are skipped with -short. The first run builds
// golangci-lint (minutes on two cores); later runs reuse the binary cached
// under os.UserCacheDir()/keepalivelint, keyed by the sources that go into
// it.
package integration
