package incremental

import (
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"time"
)

// A store keeps one file per key and kind under a directory, as the go
// command's build cache does: dir/ab/abcdef...-kind. Entries are written
// to a temporary file and renamed, so a reader never sees half an entry;
// one that is unreadable or fails to decode is a miss, never an error.
type store struct {
	dir string

	mu         sync.Mutex // put and note run in parallel
	readOnly   bool       // writes failed once: stop trying
	unwritable error      // the first failed write
	notes      []string   // what went wrong, for -debug
}

// Entry kinds: what a package's analysis left (its facts and
// diagnostics), the name of its export data in the go command's build
// cache once a run has asked for it, and a command line's package graph.
const (
	kindResult     = "r"
	kindExportFile = "e"
	kindListing    = "l" // by listingKey: the package graph (listing.go)
)

// openStore opens (creating) the cache directory.
func openStore(dir string) (*store, error) {
	if err := os.MkdirAll(dir, 0o777); err != nil {
		return nil, &UnwritableError{err}
	}
	probe, err := os.CreateTemp(dir, "probe-")
	if err != nil {
		return nil, &UnwritableError{fmt.Errorf("%s is not writable: %v", dir, err)}
	}
	probe.Close()
	os.Remove(probe.Name())
	s := &store{dir: dir}
	s.trim(time.Now())
	return s, nil
}

func (s *store) path(key Key, kind string) string {
	h := hex.EncodeToString(key[:])
	return filepath.Join(s.dir, h[:2], h+"-"+kind)
}

// get returns an entry, or nil when there is none.
func (s *store) get(key Key, kind string) []byte {
	name := s.path(key, kind)
	data, err := os.ReadFile(name)
	if err != nil {
		if !errors.Is(err, os.ErrNotExist) {
			s.note("reading %s: %v", name, err)
		}
		return nil
	}
	s.used(name)
	return data
}

// has reports whether an entry exists.
func (s *store) has(key Key, kind string) bool {
	_, err := os.Stat(s.path(key, kind))
	return err == nil
}

// remove deletes an entry that turned out unreadable.
func (s *store) remove(key Key, kind string) {
	if err := os.Remove(s.path(key, kind)); err != nil {
		s.note("removing a corrupt entry: %v", err)
	}
}

// put writes an entry; a failure is noted and turns further writes off.
func (s *store) put(key Key, kind string, data []byte) {
	s.mu.Lock()
	readOnly := s.readOnly
	s.mu.Unlock()
	if readOnly {
		return
	}
	name := s.path(key, kind)
	err := os.MkdirAll(filepath.Dir(name), 0o777)
	var tmp *os.File
	if err == nil {
		tmp, err = os.CreateTemp(filepath.Dir(name), "tmp-")
	}
	if err == nil {
		_, err = tmp.Write(data)
		if cerr := tmp.Close(); err == nil {
			err = cerr
		}
		if err == nil {
			err = os.Rename(tmp.Name(), name)
		}
		if err != nil {
			os.Remove(tmp.Name())
		}
	}
	if err != nil {
		s.mu.Lock()
		if !s.readOnly {
			s.unwritable = err
		}
		s.readOnly = true
		s.mu.Unlock()
		s.note("cache not written from now on: %v", err)
	}
}

// An UnwritableError is a cache directory that cannot be written: the
// command says so once, since every run is then a cold one.
type UnwritableError struct{ Err error }

func (e *UnwritableError) Error() string { return e.Err.Error() }
func (e *UnwritableError) Unwrap() error { return e.Err }

func (s *store) note(format string, args ...any) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.notes = append(s.notes, fmt.Sprintf(format, args...))
}

// Entries unused for trimAge are removed, checked at most once per
// trimInterval; an entry's modification time is refreshed when it is used
// and older than refreshAge (the go command's cache does the same).
const (
	trimAge      = 5 * 24 * time.Hour
	trimInterval = 24 * time.Hour
	refreshAge   = time.Hour
)

func (s *store) used(name string) {
	if fi, err := os.Stat(name); err == nil && time.Since(fi.ModTime()) > refreshAge {
		now := time.Now()
		os.Chtimes(name, now, now)
	}
}

// trim removes the entries unused for trimAge.
func (s *store) trim(now time.Time) {
	mark := filepath.Join(s.dir, "trim.txt")
	if fi, err := os.Stat(mark); err == nil && now.Sub(fi.ModTime()) < trimInterval {
		return
	}
	if err := os.WriteFile(mark, []byte(now.Format(time.RFC3339)+"\n"), 0o666); err != nil {
		return
	}
	subdirs, _ := filepath.Glob(filepath.Join(s.dir, "[0-9a-f][0-9a-f]"))
	for _, sub := range subdirs {
		entries, _ := os.ReadDir(sub)
		for _, e := range entries {
			if fi, err := e.Info(); err == nil && now.Sub(fi.ModTime()) > trimAge {
				os.Remove(filepath.Join(sub, e.Name()))
			}
		}
	}
}
