// Package analyzer defines keepalivelint, an analysis.Analyzer that reports
// connection pools whose idle connections can outlive a NAT's or load
// balancer's idle timeout.
//
// # Analyzer keepalivelint
//
// keepalivelint: report connection pools whose idle connections can outlive a NAT or load balancer
//
// (documentation in progress)
package analyzer
