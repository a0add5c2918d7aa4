// Package rules names keepalivelint's rules: the categories of its
// diagnostics, the user interface that doc.go documents one section each.
// It is the bottom layer; every other layer may name a rule.
package rules

// Diagnostic categories of the ignore directive itself.
const (
	MalformedIgnore = "malformed-ignore"
	UnusedIgnore    = "unused-ignore"
)

// Diagnostic categories: the user interface of the rules, documented in
// doc.go and the README.
const (
	NoIdleTimeout       = "no-idle-timeout"
	TooLong             = "idle-timeout-too-long"
	NonPositive         = "idle-timeout-nonpositive"
	KeepAliveDisabled   = "keepalive-disabled"
	Dynamic             = "dynamic-idle-timeout"
	IgnoreWithoutReason = "ignore-without-reason"
	OptionDefault       = "option-default-unlimited"
	FactoryDefault      = "factory-default-unbounded"
)

// All lists every category, for the test that the documentation
// (doc.go, README.md) describes each.
var All = []string{
	NoIdleTimeout, TooLong, NonPositive, KeepAliveDisabled,
	Dynamic, IgnoreWithoutReason, OptionDefault, FactoryDefault,
	SQLNoIdleLimit, SQLLimitNonPositive, SQLLimitTooLong,
	GRPCNoIdleTimeout, GRPCIdleNonPositive, GRPCIdleTooLong,
	GRPCKeepaliveTooLong, GRPCKeepaliveNoPermit,
	ServerIdleTooShort,
	MalformedIgnore, UnusedIgnore,
}

// Categories of the gRPC rules.
const (
	GRPCNoIdleTimeout     = "grpc-no-idle-timeout"
	GRPCIdleNonPositive   = "grpc-idle-timeout-nonpositive"
	GRPCIdleTooLong       = "grpc-idle-timeout-too-long"
	GRPCKeepaliveTooLong  = "grpc-keepalive-too-long"
	GRPCKeepaliveNoPermit = "grpc-keepalive-without-permit"
)

// Categories of the SQL rules.
const (
	SQLNoIdleLimit      = "sql-no-idle-limit"
	SQLLimitNonPositive = "sql-idle-limit-nonpositive"
	SQLLimitTooLong     = "sql-idle-limit-too-long"
)

// The rule of servers behind a load balancer.
const ServerIdleTooShort = "server-idle-timeout-too-short"
