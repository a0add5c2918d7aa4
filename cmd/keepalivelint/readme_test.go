package main

// The README's table of exit statuses holds: each clause of a row is run
// and exits with that row's status (issue 27: the README said 0 for -json
// and -fix where the command exits 1 or 3).

import (
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/keepalivelint/keepalivelint/analyzer"
)

// readmeExitStatuses returns the rows of the README's exit-status table:
// status -> meaning.
func readmeExitStatuses(t *testing.T) map[int]string {
	t.Helper()
	readme := readFile(t, filepath.Join("..", "..", "README.md"))
	_, table, ok := strings.Cut(readme, "\n| status | meaning |\n| --- | --- |\n")
	if !ok {
		t.Fatal("README.md has no exit-status table (| status | meaning |)")
	}
	rows := map[int]string{}
	for _, row := range strings.Split(table, "\n") {
		if !strings.HasPrefix(row, "| ") {
			break
		}
		cells := strings.SplitN(strings.Trim(row, "| "), " | ", 2)
		code, err := strconv.Atoi(cells[0])
		if err != nil || len(cells) != 2 {
			t.Fatalf("README.md: exit-status row %q", row)
		}
		rows[code] = cells[1]
	}
	return rows
}

func TestReadmeExitStatuses(t *testing.T) {
	t.Parallel()
	rows := readmeExitStatuses(t)
	// A case runs in testdata/<module>, or a copy of it when it may
	// write; "fix" is fixModule, a finding with a fix and one without.
	const incident, broken, fix = "incident", "broken", "fix"
	for _, tc := range []struct {
		status int
		clause string // what the row says, word for word
		module string
		args   []string
	}{
		{0, "no findings", incident, []string{"./safe"}},
		{0, "with `-json` and `-format=sarif`, findings or none", incident, []string{"-json", "./..."}},
		{0, "with `-json` and `-format=sarif`, findings or none", incident, []string{"-format=sarif", "./..."}},
		{0, "with `-fix` and `-fix -diff`, every finding fixed", incident, []string{"-fix", "./..."}},
		{0, "with `-diff`, fixed by the diff", incident, []string{"-fix", "-diff", "./..."}},

		{1, "a package did not load or type-check", broken, []string{"./..."}},
		{1, "also with `-json` and `-format=sarif`", broken, []string{"-json", "./..."}},
		{1, "also with `-json` and `-format=sarif`", broken, []string{"-format=sarif", "./..."}},
		{1, "with `-fix` and `-fix -diff`, which then fix nothing", broken, []string{"-fix", "./..."}},
		{1, "with `-fix` and `-fix -diff`, which then fix nothing", broken, []string{"-fix", "-diff", "./..."}},
		{1, "a pattern that names no package", incident, []string{"./nonexistent"}},

		{2, "no package given", incident, nil},
		{2, "`-max-idle=aws-natgw`", incident, []string{"-max-idle=aws-natgw", "./..."}},
		{2, "`-fix-idle=400s` with the default 350s limit", incident, []string{"-fix-idle=400s", "./..."}},
		{2, "`-explain` of an unknown rule", incident, []string{"-explain", "no-such-rule"}},

		{3, "findings", incident, []string{"./..."}},
		{3, "with `-fix` and `-fix -diff`, findings that remain", fix, []string{"-fix", "./..."}},
		{3, "with `-fix` and `-fix -diff`, findings that remain", fix, []string{"-fix", "-diff", "./..."}},
	} {
		if !strings.Contains(rows[tc.status], tc.clause) {
			t.Errorf("README.md: the row of exit status %d does not say %q: %q", tc.status, tc.clause, rows[tc.status])
			continue
		}
		t.Run(strings.Join(append([]string{strconv.Itoa(tc.status)}, tc.args...), " "), func(t *testing.T) {
			t.Parallel()
			switch {
			case tc.module == broken:
				// Without the analysis cache: the standard library is
				// analyzed in process, tens of seconds a run.
				short(t, "a package that does not type-check (TestJSONExitStatus, TestFixBrokenFixesNothing)")
			case slices.Contains(tc.args, "-fix"):
				// go vet -json, then go vet -fix: seconds a run.
				short(t, "-fix (TestFixSaysWhatItDid)")
			}
			var dir string
			switch {
			case tc.module == fix:
				dir = fixModule(t)
			case slices.Contains(tc.args, "-fix") && !slices.Contains(tc.args, "-diff"):
				dir = t.TempDir()
				copyDir(t, fixture(t, tc.module), dir)
			default:
				dir = fixture(t, tc.module)
			}
			if r := run(t, dir, binary, tc.args...); r.code != tc.status {
				t.Errorf("README.md says exit status %d (%s), got %v", tc.status, tc.clause, r)
			}
		})
	}
	for _, status := range []int{0, 1, 2, 3} {
		if rows[status] == "" {
			t.Errorf("README.md's exit-status table has no row for %d", status)
		}
	}
}

// docs/rules.md says where a finding's rule documentation is linked: each
// claim of its header holds (issue 27: it said each finding links to its
// section, which the text output does not).
func TestRulesDocSaysWhereTheAddressIs(t *testing.T) {
	t.Parallel()
	header, _, _ := strings.Cut(readFile(t, filepath.Join("..", "..", "docs", "rules.md")), "\n## ")
	header = strings.Join(strings.Fields(header), " ")
	claim := func(text string) bool {
		t.Helper()
		if !strings.Contains(header, text) {
			t.Errorf("docs/rules.md's header does not say %q: %s", text, header)
			return false
		}
		return true
	}
	dir := fixture(t, "incident")
	const rule = "no-idle-timeout"
	if claim("Each finding ends with its rule's name") {
		r := run(t, dir, binary, "./...")
		fs := findings(r.stderr)
		if len(fs) == 0 {
			t.Fatalf("no findings in the example module: %v", r)
		}
		for _, f := range fs {
			if !regexp.MustCompile(`\([a-z-]+\)$`).MatchString(f.message) {
				t.Errorf("a finding does not end with its rule: %q", f.message)
			}
		}
	}
	if claim("`keepalivelint -explain RULE` prints a rule's section and its address on pkg.go.dev") {
		if r := run(t, dir, binary, "-explain", rule); !strings.Contains(r.stdout, analyzer.RuleURL(rule)) {
			t.Errorf("-explain %s does not print %s: %v", rule, analyzer.RuleURL(rule), r)
		}
	}
	if claim("the SARIF log (`-format=sarif`) gives that address as each rule's `helpUri`") {
		_, log := runSARIF(t, dir, "./...")
		for _, r := range log.Runs[0].Tool.Driver.Rules {
			if r.HelpURI != analyzer.RuleURL(r.ID) {
				t.Errorf("SARIF rule %s: helpUri %q, want %s", r.ID, r.HelpURI, analyzer.RuleURL(r.ID))
			}
		}
	}
	if claim("The text and `-json` outputs do not print it.") {
		for _, args := range [][]string{{"./..."}, {"-json", "./..."}} {
			if r := run(t, dir, binary, args...); strings.Contains(r.stdout+r.stderr, analyzer.DocURL) {
				t.Errorf("%v prints the documentation's address, which docs/rules.md says it does not: %v", args, r)
			}
		}
	}
}
