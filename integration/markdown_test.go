package integration

import (
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"unicode"
)

// markdownFiles returns the repository's Markdown files (tracked, and
// untracked but not ignored), relative to its root.
func markdownFiles(t *testing.T) []string {
	t.Helper()
	root := repoRoot(t)
	r := command{dir: root, name: "git", args: []string{"ls-files", "-z", "--cached", "--others", "--exclude-standard", "--", "*.md"}}.run(t)
	var files []string
	if r.code == 0 {
		for _, name := range strings.Split(strings.TrimSuffix(r.stdout, "\x00"), "\x00") {
			if _, err := os.Stat(filepath.Join(root, name)); name != "" && err == nil {
				files = append(files, name)
			}
		}
		return files
	}
	// Not a git checkout (an unpacked archive): every .md file.
	filepath.WalkDir(root, func(path string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(path, ".md") {
			rel, _ := filepath.Rel(root, path)
			files = append(files, rel)
		}
		return nil
	})
	return files
}

var (
	fenceRE   = regexp.MustCompile("^ {0,3}(```+|~~~+)")
	commentRE = regexp.MustCompile(`(?s)<!--.*?-->`)
	codeRE    = regexp.MustCompile("`[^`\n]*`")
	linkRE    = regexp.MustCompile(`\]\(([^()\s]+)(?:\s+"[^"]*")?\)`)
	refDefRE  = regexp.MustCompile(`(?m)^ {0,3}\[[^\]]+\]:\s+(\S+)`)
	headingRE = regexp.MustCompile(`(?m)^ {0,3}#{1,6}[ \t]+(.+?)[ \t#]*$`)
	htmlIDRE  = regexp.MustCompile(`<a\s+(?:name|id)="([^"]+)"`)
)

// withoutFences is text without its fenced code blocks.
func withoutFences(text string) string {
	var b strings.Builder
	fence := ""
	for _, line := range strings.SplitAfter(text, "\n") {
		m := fenceRE.FindStringSubmatch(line)
		switch {
		case fence == "" && m != nil:
			fence = m[1]
		case fence != "" && m != nil && m[1][0] == fence[0] && len(m[1]) >= len(fence) && strings.TrimSpace(line[len(m[0]):]) == "":
			fence = ""
		case fence == "":
			b.WriteString(line)
		}
	}
	return b.String()
}

// markdownProse is text without its code blocks, HTML comments and code
// spans, where links are links.
func markdownProse(text string) string {
	text = withoutFences(text)
	text = commentRE.ReplaceAllString(text, "")
	return codeRE.ReplaceAllString(text, "``")
}

// markdownAnchors returns the anchors GitHub gives text's headings (and
// its explicit <a name> or id anchors).
func markdownAnchors(text string) map[string]bool {
	anchors := map[string]bool{}
	seen := map[string]int{}
	for _, m := range headingRE.FindAllStringSubmatch(withoutFences(text), -1) {
		slug := githubSlug(m[1])
		if n := seen[slug]; n > 0 {
			anchors[fmt.Sprintf("%s-%d", slug, n)] = true
		} else {
			anchors[slug] = true
		}
		seen[slug]++
	}
	for _, m := range htmlIDRE.FindAllStringSubmatch(text, -1) {
		anchors[m[1]] = true
	}
	return anchors
}

// githubSlug is the anchor GitHub gives a heading: its rendered text
// lower-cased, without punctuation but hyphens and underscores, spaces
// turned into hyphens.
func githubSlug(heading string) string {
	heading = regexp.MustCompile(`\[([^\]]*)\]\([^)]*\)`).ReplaceAllString(heading, "$1")
	var b strings.Builder
	for _, r := range strings.ToLower(heading) {
		switch {
		case r == ' ':
			b.WriteRune('-')
		case r == '-' || r == '_' || unicode.IsLetter(r) || unicode.IsNumber(r) || unicode.Is(unicode.Mn, r):
			b.WriteRune(r)
		}
	}
	return b.String()
}

// Every relative link of the repository's Markdown files resolves: the
// file or directory exists, and an #anchor into a Markdown file names one
// of its headings (issue 27: bench/README.md linked to a README section
// that had gone).
func TestMarkdownLinks(t *testing.T) {
	t.Parallel()
	root := repoRoot(t)
	anchorsOf := map[string]map[string]bool{}
	anchors := func(file string) map[string]bool {
		if a, ok := anchorsOf[file]; ok {
			return a
		}
		a := markdownAnchors(readFile(t, file))
		anchorsOf[file] = a
		return a
	}
	files := markdownFiles(t)
	if len(files) == 0 {
		t.Fatal("no Markdown files")
	}
	for _, name := range files {
		file := filepath.Join(root, name)
		prose := markdownProse(readFile(t, file))
		var targets []string
		for _, m := range linkRE.FindAllStringSubmatch(prose, -1) {
			targets = append(targets, m[1])
		}
		for _, m := range refDefRE.FindAllStringSubmatch(prose, -1) {
			targets = append(targets, m[1])
		}
		for _, target := range targets {
			if regexp.MustCompile(`^[a-zA-Z][a-zA-Z0-9+.-]*:`).MatchString(target) {
				continue // https:, mailto:
			}
			ref, frag, _ := strings.Cut(target, "#")
			path, err := url.PathUnescape(ref)
			if err != nil {
				t.Errorf("%s: link %s: %v", name, target, err)
				continue
			}
			dest := file
			switch {
			case path == "":
			case strings.HasPrefix(path, "/"):
				dest = filepath.Join(root, filepath.FromSlash(path))
			default:
				dest = filepath.Join(filepath.Dir(file), filepath.FromSlash(path))
			}
			if rel, err := filepath.Rel(root, dest); err != nil || strings.HasPrefix(rel, "..") {
				t.Errorf("%s: link %s leaves the repository", name, target)
				continue
			}
			info, err := os.Stat(dest)
			if err != nil {
				t.Errorf("%s: link %s: no such file or directory", name, target)
				continue
			}
			if frag == "" || info.IsDir() || !strings.HasSuffix(dest, ".md") {
				continue // a directory, or a line of a source file (#L10)
			}
			if !anchors(dest)[frag] {
				rel, _ := filepath.Rel(root, dest)
				t.Errorf("%s: link %s: %s has no heading with the anchor #%s", name, target, rel, frag)
			}
		}
	}
}

// The slugs the link check computes are GitHub's.
func TestGithubSlug(t *testing.T) {
	for heading, want := range map[string]string{
		"golangci-lint (v2 module plugin)":                 "golangci-lint-v2-module-plugin",
		"SARIF and GitHub code scanning":                   "sarif-and-github-code-scanning",
		"Rule no-idle-timeout":                             "rule-no-idle-timeout",
		"database/sql drivers":                             "databasesql-drivers",
		"Facts (`facts.sh`)":                               "facts-factssh",
		"The command's driver":                             "the-commands-driver",
		"Servers behind a load balancer: the mirror image": "servers-behind-a-load-balancer-the-mirror-image",
		"[Proofs](docs/proofs.md) and limits":              "proofs-and-limits",
		"keep_alive":                                       "keep_alive",
	} {
		if got := githubSlug(heading); got != want {
			t.Errorf("githubSlug(%q) = %q, want %q", heading, got, want)
		}
	}
	a := markdownAnchors("# Timings\n\n## Timings\n\n```\n# not a heading\n```\n")
	if !a["timings"] || !a["timings-1"] || a["not-a-heading"] {
		t.Errorf("markdownAnchors: %v, want timings and timings-1 only", a)
	}
}

// No section of a Markdown file repeats a list item's bold lead ("-
// **Pools that die with their call**: ..."): a repeated one is a paragraph
// kept twice (issue 27: docs/limits.md).
func TestMarkdownNoRepeatedItems(t *testing.T) {
	t.Parallel()
	root := repoRoot(t)
	lead := regexp.MustCompile(`^\s*[-*] \*\*([^*]+)\*\*`)
	for _, name := range markdownFiles(t) {
		var seen map[string]bool
		for _, line := range strings.Split(markdownProse(readFile(t, filepath.Join(root, name))), "\n") {
			if seen == nil || headingRE.MatchString(line) {
				seen = map[string]bool{} // a new section
			}
			m := lead.FindStringSubmatch(line)
			if m == nil {
				continue
			}
			key := strings.TrimRight(strings.ToLower(m[1]), ".: ")
			if seen[key] {
				t.Errorf("%s: the list item %q appears twice in one section", name, m[1])
			}
			seen[key] = true
		}
	}
}
