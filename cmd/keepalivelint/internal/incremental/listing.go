package incremental

import (
	"bytes"
	"crypto/sha256"
	"encoding/json"
	"fmt"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"golang.org/x/tools/go/packages"
)

// Listing the packages (go list -deps -test -compiled) is most of what a
// run that reuses everything costs. Its result changes only when a file is
// added or removed, a Go file's header (package clause, build constraints,
// imports, cgo preamble) or a go.mod changes, or a file cgo's output came
// from goes: the edits a run usually follows (function bodies) change none
// of these. So the graph is kept, keyed by the patterns, flags, directory
// and go env, with the stamps of what it depends on:
//   - every directory of the modules whose files can change, walked as
//     ./... walks them: its modification time, and when that changed, the
//     names in it (a save by rename changes the time, not the names);
//   - for every Go file there, its size and modification time, and a hash
//     of its header, read again when the stamp changed;
//   - go.mod, go.sum, go.work and vendor/modules.txt, by content;
//   - the go command's cgo output the graph names, which must still exist.
// Only a graph whose every package that can change belongs to such a
// module is kept (not GOPATH mode).

// A listing is a kept package graph.
type listing struct {
	Packages []json.RawMessage           // packages.Package's own JSON form
	Modules  map[string]*packages.Module // by package ID
	Roots    []string                    // IDs
	Dirs     map[string]dirStamp         // the modules' directories
	Files    map[string]fileStamp        // Go files, module files, cgo output
}

// A dirStamp is a directory's modification time and the names in it. An
// editor that saves by writing a new file and renaming it over the old
// one changes the time but not the names, which are read again then.
type dirStamp struct {
	ModTime int64
	Names   [sha256.Size]byte
}

type fileStamp struct {
	Size, ModTime int64
	Sum           [sha256.Size]byte // the header of a Go file; a module file's content; zero: only exists
}

// recentCutoff: a file modified this recently is not trusted by its stamp
// (another write in the same clock tick would keep it), only by its sum.
const recentCutoff = 2 * time.Second

// listingKey names the listing of a command line.
func listingKey(opts Options, envJSON []byte) Key {
	wd := opts.Dir
	if wd == "" {
		wd, _ = os.Getwd()
	}
	return sha256.Sum256(fmt.Appendf(nil, "%s listing\n%q\n%q tests=%v tags=%q\n%s", keyFormat, wd, opts.Patterns, opts.Tests, opts.Tags, envJSON))
}

// keptListing returns the kept graph's roots when nothing it depends on
// changed, or nil.
func (r *runner) keptListing(key Key) []*packages.Package {
	data := r.st.get(key, kindListing)
	if data == nil {
		return nil
	}
	var l listing
	if err := json.Unmarshal(data, &l); err != nil {
		r.st.note("kept package list unreadable: %v", err)
		return nil
	}
	for dir, stamp := range l.Dirs {
		fi, err := os.Stat(dir)
		if err != nil {
			return nil
		}
		if fi.ModTime().UnixNano() != stamp.ModTime {
			if names, err := dirNames(dir); err != nil || names != stamp.Names {
				return nil
			}
		}
	}
	for name, stamp := range l.Files {
		if !stamp.holds(name) {
			return nil
		}
	}
	byID := map[string]*packages.Package{}
	for _, raw := range l.Packages {
		p := new(packages.Package)
		if err := json.Unmarshal(raw, p); err != nil {
			return nil
		}
		p.Module = l.Modules[p.ID]
		byID[p.ID] = p
	}
	for _, p := range byID {
		for path, imp := range p.Imports {
			if p.Imports[path] = byID[imp.ID]; p.Imports[path] == nil {
				return nil
			}
		}
	}
	var roots []*packages.Package
	for _, id := range l.Roots {
		if byID[id] == nil {
			return nil
		}
		roots = append(roots, byID[id])
	}
	return roots
}

// holds reports whether the file still matches its stamp.
func (s fileStamp) holds(name string) bool {
	fi, err := os.Stat(name)
	if err != nil {
		return false
	}
	if s.Sum == ([sha256.Size]byte{}) || fi.Size() == s.Size && fi.ModTime().UnixNano() == s.ModTime {
		return true
	}
	sum, err := headerSum(name)
	return err == nil && sum == s.Sum
}

// keepListing records the graph and its stamps, when every package that
// can change is in a module whose tree can be walked.
func (r *runner) keepListing(key Key, roots []*packages.Package, all []*packages.Package, h *hasher, gowork string) {
	l := listing{Modules: map[string]*packages.Module{}, Dirs: map[string]dirStamp{}, Files: map[string]fileStamp{}}
	moduleDirs := map[string]bool{}
	now := time.Now()
	if gowork != "" && gowork != "off" {
		// A workspace's go.work can lie above every module it uses.
		if fi, err := os.Lstat(gowork); err == nil {
			if err := l.add(gowork, fs.FileInfoToDirEntry(fi), now, true); err != nil {
				return
			}
		}
	}
	for _, p := range all {
		raw, err := json.Marshal(p)
		if err != nil {
			return
		}
		l.Packages = append(l.Packages, raw)
		if p.Module != nil {
			l.Modules[p.ID] = p.Module
		}
		for _, name := range p.CompiledGoFiles {
			if h.isImmutable(name) {
				l.Files[name] = fileStamp{} // cgo output, or a file of the module cache: it must exist
			}
		}
		mutable := false
		for _, list := range [][]string{p.GoFiles, p.IgnoredFiles, p.OtherFiles} {
			for _, name := range list {
				if !h.isImmutable(name) {
					mutable = true
				}
			}
		}
		if !mutable {
			continue
		}
		m := p.Module
		if m != nil && m.Replace != nil {
			m = m.Replace
		}
		if m == nil || m.Dir == "" {
			return // GOPATH mode, or no module: always listed
		}
		moduleDirs[m.Dir] = true
	}
	for dir := range moduleDirs {
		if err := l.walk(dir, now); err != nil {
			r.st.note("package list not kept: %v", err)
			return
		}
	}
	// A package in a directory the walk leaves out (a pattern naming
	// one under testdata): its siblings would go unseen, so the graph is
	// not kept.
	for _, p := range all {
		for _, name := range p.GoFiles {
			if !h.isImmutable(name) {
				if _, ok := l.Dirs[filepath.Dir(name)]; !ok {
					return
				}
			}
		}
	}
	for _, p := range roots {
		l.Roots = append(l.Roots, p.ID)
	}
	data, err := json.Marshal(l)
	if err != nil {
		return
	}
	r.st.put(key, kindListing, data)
}

// walk stamps a module's directories, Go files and module files, as
// ./... sees the tree: directories named testdata, or starting with . or
// _, are left out. Nested modules are stamped too, which only costs a
// listing when they change.
func (l *listing) walk(root string, now time.Time) error {
	return filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		name := d.Name()
		if d.IsDir() && path != root && (name == "testdata" || strings.HasPrefix(name, ".") || strings.HasPrefix(name, "_")) {
			return filepath.SkipDir
		}
		module := name == "go.mod" || name == "go.sum" || name == "go.work" || name == "go.work.sum" || path == filepath.Join(root, "vendor", "modules.txt")
		return l.add(path, d, now, module)
	})
}

// add stamps a directory (its modification time), a Go file (its header)
// or a module file (its content); other files are left to their
// directory's time.
func (l *listing) add(path string, d fs.DirEntry, now time.Time, module bool) error {
	fi, err := d.Info()
	if err != nil {
		return err
	}
	if d.IsDir() {
		names, err := dirNames(path)
		if err != nil {
			return err
		}
		l.Dirs[path] = dirStamp{ModTime: fi.ModTime().UnixNano(), Names: names}
		return nil
	}
	if !module && !strings.HasSuffix(path, ".go") {
		return nil
	}
	sum, err := headerSum(path)
	if err != nil {
		return err
	}
	stamp := fileStamp{Size: fi.Size(), ModTime: fi.ModTime().UnixNano(), Sum: sum}
	if now.Sub(fi.ModTime()) < recentCutoff {
		stamp.Size, stamp.ModTime = -1, -1 // checked by its sum next time
	}
	l.Files[path] = stamp
	return nil
}

// dirNames hashes the names of a directory's entries that the go command
// can see (not those starting with . or _), with whether each is a
// directory.
func dirNames(dir string) ([sha256.Size]byte, error) {
	entries, err := os.ReadDir(dir) // sorted by name
	if err != nil {
		return [sha256.Size]byte{}, err
	}
	h := sha256.New()
	for _, e := range entries {
		if name := e.Name(); !strings.HasPrefix(name, ".") && !strings.HasPrefix(name, "_") {
			fmt.Fprintf(h, "%q %v\n", name, e.IsDir())
		}
	}
	var sum [sha256.Size]byte
	h.Sum(sum[:0])
	return sum, nil
}

// headerSum hashes what of a Go file decides the package graph: everything
// up to the end of its imports (build constraints, package clause, cgo
// preamble, imports). A module file is hashed whole.
func headerSum(name string) ([sha256.Size]byte, error) {
	data, err := os.ReadFile(name)
	if err != nil {
		return [sha256.Size]byte{}, err
	}
	if !strings.HasSuffix(name, ".go") {
		return sha256.Sum256(data), nil
	}
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, name, data, parser.ImportsOnly|parser.ParseComments)
	if err != nil {
		return sha256.Sum256(data), nil // a syntax error: the content decides
	}
	end := fset.Position(f.Name.End()).Offset
	if n := len(f.Imports); n > 0 {
		end = max(end, fset.Position(f.Imports[n-1].End()).Offset)
	}
	for _, decl := range f.Decls {
		end = max(end, fset.Position(decl.End()).Offset) // import blocks: their closing parenthesis
	}
	return sha256.Sum256(bytes.Clone(data[:min(end, len(data))])), nil
}
