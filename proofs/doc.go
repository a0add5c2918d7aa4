// Package proofs holds loopback proofs, as tests, of what connection pools of
// client libraries outside the standard library do when a NAT gateway or load
// balancer forgets an idle flow: gRPC (google.golang.org/grpc), pgx's
// pgxpool, go-redis v9 and the MongoDB Go driver v2, and database/sql with
// the pgx v5 and v4 stdlib, lib/pq and go-sql-driver/mysql drivers against
// real PostgreSQL and MariaDB servers (internal/dbserver); and what a
// fasthttp server (and so a Fiber app) that closes idle connections before
// the load balancer in front of it makes the balancer answer.
//
// It is a module of its own so that the analyzer's module
// (github.com/keepalivelint/keepalivelint) gains no dependency. It imports
// the analyzer module's internal/natsim relay through a replace directive;
// Go's internal-package rule allows this because, in module mode, the rule
// compares import paths, not module boundaries
// (cmd/go/internal/load/pkg.go, disallowInternal, golang.org/issue/23970):
// github.com/keepalivelint/keepalivelint/proofs is inside the tree rooted at
// github.com/keepalivelint/keepalivelint.
//
// See README.md for the verdicts.
package proofs
