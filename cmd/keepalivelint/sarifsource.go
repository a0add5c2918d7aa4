package main

import (
	"slices"
	"unicode/utf8"
)

// A source is a file's content, to turn the positions of the -json output
// (lines, byte columns, byte offsets) into SARIF's text positions: lines
// from 1 and columns from 1 in UTF-16 code units (the run's columnKind),
// which is how editors and browsers count.
type source struct {
	data  []byte
	lines []int // the offset of the start of each line
}

func newSource(data []byte) *source {
	s := &source{data: data, lines: []int{0}}
	for i, b := range data {
		if b == '\n' {
			s.lines = append(s.lines, i+1)
		}
	}
	return s
}

// column converts a byte column of line (both from 1) into a UTF-16
// column. Bytes past the end of the file count one unit each.
func (s *source) column(line, byteCol int) int {
	if line < 1 || line > len(s.lines) || byteCol < 1 {
		return byteCol
	}
	start := s.lines[line-1]
	off := start + byteCol - 1
	end := min(off, len(s.data))
	return utf16Len(s.data[start:end]) + (off - end) + 1
}

// position returns the line and UTF-16 column (both from 1) of a byte
// offset; the end of the file is a position too.
func (s *source) position(offset int) (line, col int) {
	i, found := slices.BinarySearch(s.lines, offset)
	if found {
		i++
	}
	line = i // lines[line-1] <= offset < lines[line]
	return line, utf16Len(s.data[s.lines[line-1]:offset]) + 1
}

// utf16Len is the length of b in UTF-16 code units: two for a rune
// outside the Basic Multilingual Plane, one for any other rune or a byte
// that is not UTF-8.
func utf16Len(b []byte) int {
	n := 0
	for len(b) > 0 {
		r, size := utf8.DecodeRune(b)
		b = b[size:]
		n++
		if r > 0xFFFF {
			n++
		}
	}
	return n
}
