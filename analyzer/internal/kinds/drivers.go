package kinds

import (
	"go/types"
	"slices"
)

// Whether a database/sql pool fails after a middlebox drops an idle
// connection is its driver's choice: database/sql calls the driver's
// ResetSession before it reuses a connection and, on driver.ErrBadConn,
// retries the operation on another one. A driver that health-checks a
// reused connection with a round trip heals after a reset; one that does
// not hands the reset to the caller. The tables below are that knowledge,
// per driver package and version, each row citing its proof (proofs/,
// the real driver against a real server over the relay that forgets idle
// flows) or the source it was read in. The pipeline reads them; it never
// names a driver.

// A Verdict is what a driver's pool does with the first query after a
// middlebox dropped its idle connection.
type Verdict int

const (
	// VerdictUnknown: no proof; the pool is judged by its settings alone.
	VerdictUnknown Verdict = iota
	// VerdictFails: proven to fail (the reset reaches the caller); judged
	// by its settings, as an unknown driver is.
	VerdictFails
	// VerdictHeals: proven to retry on a new connection after a reset;
	// the pool is no site, as pgxpool is not (docs/limits.md).
	VerdictHeals
)

func (v Verdict) String() string {
	switch v {
	case VerdictFails:
		return "fails"
	case VerdictHeals:
		return "heals"
	}
	return "unknown"
}

// ParseVerdict is the verdict whose String is s.
func ParseVerdict(s string) Verdict {
	for _, v := range []Verdict{VerdictFails, VerdictHeals} {
		if v.String() == s {
			return v
		}
	}
	return VerdictUnknown
}

// A Driver is one database/sql driver package over a range of its
// versions.
type Driver struct {
	// Package is the driver's import path.
	Package string
	// Names are the driver names its init registers with sql.Register.
	Names []string
	// Connectors are its functions that return a driver.Connector, or a
	// *sql.DB over one (stdlib.OpenDB), and ConnectorTypes its connector
	// types: sql.OpenDB over one of them uses this driver.
	Connectors     []string
	ConnectorTypes []string
	// Since is an exported object of Package that exists in exactly the
	// versions this row describes, and Versions says which those are. The
	// analyzer sees package paths, not module versions (a vet unit knows
	// its own module only), but it sees a driver package's scope where
	// the driver is imported: the first row of a package whose Since is
	// in that scope, or empty, is its verdict there.
	Since    string
	Versions string
	Verdict  Verdict
	// Voids are the options of its connectors that can undo the verdict
	// (stdlib.OptionShouldPing replaces the rule that decides the ping).
	Voids []string
	// Proof is the loopback test the verdict rests on; Source where the
	// behaviour was read.
	Proof  string
	Source string
}

// Drivers lists the database/sql drivers with a verdict, newest versions
// of a package first.
var Drivers = []Driver{
	{
		Package:    "github.com/jackc/pgx/v5/stdlib",
		Names:      []string{"pgx", "pgx/v5"},
		Connectors: []string{"OpenDB", "OpenDBFromPool", "GetConnector", "GetPoolConnector"},
		Since:      "OpenDBFromPool", // added with the ping in v5.5.0
		Versions:   "v5.5.0 and later",
		Verdict:    VerdictHeals,
		Voids:      []string{"OptionShouldPing"},
		Proof:      "proofs/sqldrivers_test.go TestDriverPgxV5Stdlib",
		Source:     "stdlib/sql.go Conn.ResetSession: pings a connection idle for more than 1s, ErrBadConn if the ping fails",
	},
	{
		Package:    "github.com/jackc/pgx/v5/stdlib",
		Names:      []string{"pgx", "pgx/v5"},
		Connectors: []string{"OpenDB", "GetConnector"},
		Versions:   "v5.0.0 to v5.4.3",
		Verdict:    VerdictUnknown,
		Source:     "stdlib/sql.go Conn.ResetSession: PgConn.CheckConn, a non-blocking read that sees only what already arrived (not proven)",
	},
	{
		Package:    "github.com/jackc/pgx/v4/stdlib",
		Names:      []string{"pgx", "pgx/v4"},
		Connectors: []string{"OpenDB", "GetConnector"},
		Versions:   "v4",
		Verdict:    VerdictFails,
		Proof:      "proofs/sqldrivers_test.go TestDriverPgxV4Stdlib",
		Source:     "stdlib/sql.go (v4.18) Conn.ResetSession: checks IsClosed only, no ping",
	},
	{
		Package:        "github.com/lib/pq",
		Names:          []string{"postgres"},
		Connectors:     []string{"NewConnector"},
		ConnectorTypes: []string{"Connector"},
		Versions:       "v1",
		Verdict:        VerdictFails,
		Proof:          "proofs/sqldrivers_test.go TestDriverLibPQ",
		Source:         "error.go errRecover (v1.10.9): a *net.OpError goes back to the caller; the connection is marked bad for later",
	},
	{
		Package:    "github.com/go-sql-driver/mysql",
		Names:      []string{"mysql"},
		Connectors: []string{"NewConnector"},
		Versions:   "v1",
		Verdict:    VerdictFails,
		Proof:      "proofs/sqldrivers_test.go TestDriverMySQL",
		Source:     "connection.go ResetSession (v1.9.3): connCheck sees a server's FIN already on the socket, not a NAT that forgot the flow",
	},
	{
		Package:        "github.com/microsoft/go-mssqldb",
		Names:          []string{"sqlserver", "mssql"},
		Connectors:     []string{"NewConnector", "NewConnectorConfig", "NewConnectorWithAccessTokenProvider"},
		ConnectorTypes: []string{"Connector"},
		Versions:       "v1",
		Verdict:        VerdictUnknown,
		Source:         "mssql_go110.go Conn.ResetSession (v1.11): not proven",
	},
	{
		Package:        "github.com/denisenkom/go-mssqldb",
		Names:          []string{"sqlserver", "mssql"},
		Connectors:     []string{"NewConnector"},
		ConnectorTypes: []string{"Connector"},
		Verdict:        VerdictUnknown,
		Source:         "the module microsoft/go-mssqldb was forked from: not proven",
	},
	{
		Package:    "github.com/ClickHouse/clickhouse-go/v2",
		Names:      []string{"clickhouse"},
		Connectors: []string{"Connector"},
		Versions:   "v2",
		Verdict:    VerdictUnknown,
		Source:     "clickhouse_std.go ResetSession (v2.51): healthCheck's connCheck, a non-blocking read (not proven)",
	},
}

// A Dialector is an ORM's function that says which database, and so
// which driver, the ORM opens its pool with (gorm.Open(postgres.Open(dsn))).
type Dialector struct {
	// Funcs are the functions ("gorm.io/driver/postgres.Open").
	Funcs []string
	// Driver is the driver package the ORM opens its pool with, and
	// InProcess says it opens a database in the process instead.
	Driver    string
	InProcess bool
	// Conn is the field of its Config that hands the ORM an existing
	// pool (postgres.New(postgres.Config{Conn: db})): that pool's own
	// site judges it. Voids are the Config fields that change the driver
	// or its options (DriverName, OptionOpenDB): the verdict is unknown.
	Conn   string
	Voids  []string
	Source string
}

// Dialectors lists the ORM dialectors whose driver is known.
var Dialectors = []Dialector{
	{Funcs: []string{"gorm.io/driver/postgres.Open", "gorm.io/driver/postgres.New"}, Driver: "github.com/jackc/pgx/v5/stdlib",
		Conn: "Conn", Voids: []string{"DriverName", "OptionOpenDB"}, Source: "gorm.io/driver/postgres v1.5+ postgres.go Initialize: sql.Open(\"pgx\") or stdlib.OpenDB"},
	{Funcs: []string{"gorm.io/driver/mysql.Open", "gorm.io/driver/mysql.New"}, Driver: "github.com/go-sql-driver/mysql",
		Conn: "Conn", Voids: []string{"DriverName"}, Source: "gorm.io/driver/mysql v1.6 mysql.go Initialize: sql.Open(\"mysql\")"},
	{Funcs: []string{"gorm.io/driver/sqlserver.Open", "gorm.io/driver/sqlserver.New"}, Driver: "github.com/microsoft/go-mssqldb",
		Conn: "Conn", Voids: []string{"DriverName"}, Source: "gorm.io/driver/sqlserver v1.6 sqlserver.go Initialize: sql.Open(\"sqlserver\")"},
	{Funcs: []string{"gorm.io/driver/sqlite.Open", "gorm.io/driver/sqlite.New", "github.com/glebarez/sqlite.Open", "github.com/glebarez/sqlite.New"},
		InProcess: true, Conn: "Conn", Source: "gorm.io/driver/sqlite: mattn/go-sqlite3; glebarez/sqlite: modernc.org/sqlite"},
}

// DialectorOf returns the dialector row of the function named name.
func DialectorOf(name string) (Dialector, bool) {
	for _, d := range Dialectors {
		if slices.Contains(d.Funcs, name) {
			return d, true
		}
	}
	return Dialector{}, false
}

// IsDriverPackage reports whether path is a driver package of Drivers.
func IsDriverPackage(path string) bool {
	path = TrimVendor(path)
	for _, d := range Drivers {
		if d.Package == path {
			return true
		}
	}
	return false
}

// DriverIn returns the row of driver package pkg that describes the
// version in sight: the first whose Since is in pkg's scope, or empty.
func DriverIn(pkg *types.Package) (Driver, bool) {
	path := TrimVendor(pkg.Path())
	for _, d := range Drivers {
		if d.Package == path && (d.Since == "" || pkg.Scope().Lookup(d.Since) != nil) {
			return d, true
		}
	}
	return Driver{}, false
}

// VersionlessVerdict is the verdict of driver package path when its
// version is out of sight: the one its rows agree on, or unknown.
func VersionlessVerdict(path string) Verdict {
	v, seen := VerdictUnknown, false
	for _, d := range Drivers {
		if d.Package != path {
			continue
		}
		if seen && d.Verdict != v {
			return VerdictUnknown
		}
		v, seen = d.Verdict, true
	}
	return v
}

// DriversNamed returns the driver packages that register name.
func DriversNamed(name string) []string {
	var pkgs []string
	for _, d := range Drivers {
		if slices.Contains(d.Names, name) && !slices.Contains(pkgs, d.Package) {
			pkgs = append(pkgs, d.Package)
		}
	}
	return pkgs
}

// ConnectorDriver returns the driver package whose connector function or
// type is name ("github.com/lib/pq.NewConnector", "github.com/lib/pq.Connector").
func ConnectorDriver(name string) (string, bool) {
	pkg, obj, _ := CutLast(name, ".")
	for _, d := range Drivers {
		if d.Package == pkg && (slices.Contains(d.Connectors, obj) || slices.Contains(d.ConnectorTypes, obj)) {
			return d.Package, true
		}
	}
	return "", false
}

// VoidsVerdict reports whether fn, an option of a driver's connector,
// can undo that driver's verdict.
func VoidsVerdict(name string) bool {
	pkg, obj, _ := CutLast(name, ".")
	for _, d := range Drivers {
		if d.Package == pkg && slices.Contains(d.Voids, obj) {
			return true
		}
	}
	return false
}
