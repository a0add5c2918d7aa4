package analyzer

// Diagnostic categories of the ignore directive itself.
const (
	categoryMalformedIgnore = "malformed-ignore"
	categoryUnusedIgnore    = "unused-ignore"
)

// Diagnostic categories: the user interface of the rules, documented in
// doc.go and the README.
const (
	categoryNoIdleTimeout       = "no-idle-timeout"
	categoryTooLong             = "idle-timeout-too-long"
	categoryNonPositive         = "idle-timeout-nonpositive"
	categoryKeepAliveDisabled   = "keepalive-disabled"
	categoryDynamic             = "dynamic-idle-timeout"
	categoryIgnoreWithoutReason = "ignore-without-reason"
	categoryOptionDefault       = "option-default-unlimited"
)

// categories lists every category, for the test that the documentation
// (doc.go, README.md) describes each.
var categories = []string{
	categoryNoIdleTimeout, categoryTooLong, categoryNonPositive, categoryKeepAliveDisabled,
	categoryDynamic, categoryIgnoreWithoutReason, categoryOptionDefault,
	categorySQLNoIdleLimit, categorySQLLimitNonPositive, categorySQLLimitTooLong,
	categoryGRPCNoIdleTimeout, categoryGRPCIdleNonPositive, categoryGRPCIdleTooLong,
	categoryGRPCKeepaliveTooLong, categoryGRPCKeepaliveNoPermit,
	categoryMalformedIgnore, categoryUnusedIgnore,
}

// Categories of the gRPC rules.
const (
	categoryGRPCNoIdleTimeout     = "grpc-no-idle-timeout"
	categoryGRPCIdleNonPositive   = "grpc-idle-timeout-nonpositive"
	categoryGRPCIdleTooLong       = "grpc-idle-timeout-too-long"
	categoryGRPCKeepaliveTooLong  = "grpc-keepalive-too-long"
	categoryGRPCKeepaliveNoPermit = "grpc-keepalive-without-permit"
)

// Categories of the SQL rules.
const (
	categorySQLNoIdleLimit      = "sql-no-idle-limit"
	categorySQLLimitNonPositive = "sql-idle-limit-nonpositive"
	categorySQLLimitTooLong     = "sql-idle-limit-too-long"
)
