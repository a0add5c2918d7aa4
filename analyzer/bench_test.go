package analyzer_test

import (
	"fmt"
	"strings"
	"syscall"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/inspect"

	"github.com/keepalivelint/keepalivelint/analyzer"
)

// BenchmarkPass times the pass alone (building the inspector, then the
// analyzer's run, fixes included) on generated packages of about 1k, 10k
// and 100k lines. The package is parsed and type-checked once, outside the
// timer. ns/line should stay flat as the package grows:
//
//	go test -run='^$' -bench=. -benchmem ./analyzer/
func BenchmarkPass(b *testing.B) {
	benchSizes(b, analyzer.Analyzer)
}

// BenchmarkInspector times building the shared inspector alone: the part
// of BenchmarkPass that go vet or golangci-lint pays once for all their
// analyzers.
func BenchmarkInspector(b *testing.B) {
	benchSizes(b, nil)
}

func benchSizes(b *testing.B, a *analysis.Analyzer) {
	u, err := theUniverse()
	if err != nil {
		b.Fatal(err)
	}
	for _, size := range []int{1_000, 10_000, 100_000} {
		b.Run(fmt.Sprintf("lines=%dk", size/1000), func(b *testing.B) {
			srcs, lines := generatePackage(size)
			c, err := u.check("example.com/gen", srcs)
			if err != nil {
				b.Fatal(err)
			}
			if len(c.typeErr) > 0 {
				b.Fatalf("generated code does not type-check: %v", c.typeErr[0])
			}
			if a != nil {
				diags, err := c.run(a)
				if err != nil {
					b.Fatal(err)
				}
				if want := lines / linesPerUnit / 4; len(diags) < want {
					b.Fatalf("%d findings, want at least %d", len(diags), want)
				}
			}
			b.ReportAllocs()
			n := 0
			cpu0 := cpuTime()
			b.ResetTimer()
			for b.Loop() {
				n++
				if a == nil {
					c.inspect()
				} else if _, err := c.run(a); err != nil {
					b.Fatal(err)
				}
			}
			b.StopTimer()
			cpu := float64(cpuTime()-cpu0) / float64(n)
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(n)/float64(lines), "ns/line")
			// On a shared machine wall time includes waiting for a CPU;
			// the process's CPU time (GC workers included) does not.
			b.ReportMetric(cpu, "cpu-ns/op")
			b.ReportMetric(cpu/float64(lines), "cpu-ns/line")
		})
	}
}

// cpuTime returns the CPU time (user+sys) the process has used, in ns.
func cpuTime() int64 {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return ru.Utime.Nano() + ru.Stime.Nano()
}

// inspect builds the inspector of the package.
func (c *checked) inspect() any {
	r, _ := inspect.Analyzer.Run(&analysis.Pass{Files: c.files})
	return r
}

// linesPerUnit is the length of one unit of generated code.
var linesPerUnit = strings.Count(unit(0), "\n")

// generatePackage returns a package of about lines lines in files of about
// 500 lines, and its exact line count.
func generatePackage(lines int) (map[string][]byte, int) {
	const header = "package gen\n\nimport (\n\t\"fmt\"\n\t\"net/http\"\n\t\"strings\"\n\t\"time\"\n)\n"
	perFile := max(1, 500/linesPerUnit)
	units := max(1, lines/linesPerUnit)
	srcs := map[string][]byte{}
	total := 0
	for i := 0; i < units; i += perFile {
		var b strings.Builder
		b.WriteString(header)
		for j := i; j < min(i+perFile, units); j++ {
			b.WriteString(unit(j))
		}
		src := b.String()
		total += strings.Count(src, "\n")
		srcs[fmt.Sprintf("/gen/gen_%04d.go", i/perFile)] = []byte(src)
	}
	return srcs, total
}

// unit returns one unit of generated code: a client type built around an
// http.Transport whose IdleConnTimeout is, by turns, unset (a finding with
// a fix), set in the literal, set by a later assignment in a method, or
// inherited from a clone of http.DefaultTransport; a decoy type with an
// IdleConnTimeout field; and plain code the analyzer must walk past.
func unit(i int) string {
	var idleField, configure string
	switch i % 4 {
	case 0: // unset: a finding
	case 1:
		idleField = "\t\tIdleConnTimeout:     90 * time.Second,\n"
	case 2:
		configure = "\tc.tr.IdleConnTimeout = 45 * time.Second\n"
	}
	newTransport := fmt.Sprintf(`&http.Transport{
		Proxy:               http.ProxyFromEnvironment,
		MaxIdleConns:        %d,
		MaxIdleConnsPerHost: 4,
		TLSHandshakeTimeout: 10 * time.Second,
%s	}`, 10+i%50, idleField)
	if i%4 == 3 {
		newTransport = "http.DefaultTransport.(*http.Transport).Clone()"
	}
	return strings.NewReplacer("«i»", fmt.Sprint(i), "«transport»", newTransport, "«configure»", configure).Replace(`
// client«i» talks to one upstream.
type client«i» struct {
	name    string
	hc      *http.Client
	tr      *http.Transport
	retries int
}

func newClient«i»(name string, timeout time.Duration) *client«i» {
	tr := «transport»
	if timeout > 0 {
		tr.ResponseHeaderTimeout = timeout
	}
	c := &client«i»{name: name, hc: &http.Client{Transport: tr, Timeout: timeout}, tr: tr}
	c.configure()
	return c
}

func (c *client«i») configure() {
	c.retries = 3
«configure»}

func (c *client«i») get(url string) (int, error) {
	for attempt := 0; attempt < c.retries; attempt++ {
		resp, err := c.hc.Get(url)
		if err != nil {
			continue
		}
		resp.Body.Close()
		return resp.StatusCode, nil
	}
	return 0, fmt.Errorf("%s: %d attempts failed", c.name, c.retries)
}

// transport«i» is a decoy: not net/http's Transport.
type transport«i» struct {
	IdleConnTimeout time.Duration
	MaxIdleConns    int
}

func decoy«i»() *transport«i» {
	t := &transport«i»{MaxIdleConns: «i»}
	t.IdleConnTimeout = 0
	return t
}

func sum«i»(xs []int) int {
	total := 0
	for i, x := range xs {
		if i%2 == 0 {
			total += x
		} else {
			total -= x
		}
	}
	return total
}

func join«i»(parts []string) string {
	var b strings.Builder
	for _, p := range parts {
		b.WriteString(strings.TrimSpace(p))
		b.WriteByte(',')
	}
	return fmt.Sprintf("%d:%s", len(parts), b.String())
}
`)
}
