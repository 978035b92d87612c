package livefold

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"slices"
	"time"

	"github.com/dispatchos/dos/state/safefile"
)

// chunk is how much of the journal is read at a time; maxLine is the
// longest line kept (longer ones are skipped, as no record is that long).
const (
	chunk   = 1 << 20
	maxLine = 16 << 20
)

// openJournal opens the journal for reading, never through a symlink; a
// missing file, or one that is not a regular file, is nil with no error.
func openJournal(path string) (*os.File, os.FileInfo, error) {
	f, err := safefile.Open(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil, nil
	}
	if err != nil {
		return nil, nil, safefile.Wrap("read lane journal", path, err)
	}
	fi, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, nil, fmt.Errorf("read lane journal %s: %w", path, err)
	}
	if !fi.Mode().IsRegular() {
		f.Close()
		return nil, nil, nil
	}
	return f, fi, nil
}

// blocks reads f from off to end in blocks of whole lines and hands each to
// fn with the file offset of its first byte. A final line without a
// newline is handed over too (the reader decides what a torn tail is). It
// returns the offset just past the last whole line ('\n'-terminated).
func blocks(f *os.File, off, end int64, fn func(at int64, data []byte)) (int64, error) {
	buf := make([]byte, 0, chunk)
	pos, done := off, off
	skipping := false // inside a line longer than maxLine
	for pos < end {
		n := min(int64(chunk), end-pos)
		start := len(buf)
		buf = append(buf, make([]byte, n)...)
		m, err := f.ReadAt(buf[start:], pos)
		if err != nil && !errors.Is(err, io.EOF) {
			return done, fmt.Errorf("read lane journal %s: %w", f.Name(), err)
		}
		buf = buf[:start+m]
		pos += int64(m)
		if m == 0 {
			break
		}
		if skipping {
			i := bytes.IndexByte(buf, '\n')
			if i < 0 {
				done += int64(len(buf))
				buf = buf[:0]
				continue
			}
			done += int64(i + 1)
			buf = buf[:copy(buf, buf[i+1:])]
			skipping = false
		}
		cut := bytes.LastIndexByte(buf, '\n')
		if cut < 0 {
			if len(buf) > maxLine {
				done += int64(len(buf))
				buf, skipping = buf[:0], true
			}
			continue
		}
		fn(done, buf[:cut+1])
		done += int64(cut + 1)
		buf = buf[:copy(buf, buf[cut+1:])]
	}
	if len(buf) > 0 && !skipping {
		fn(done, buf)
	}
	return done, nil
}

// eachLine calls fn for every non-blank line of data, with its offset.
func eachLine(at int64, data []byte, fn func(off int64, line []byte)) {
	for len(data) > 0 {
		line, rest := data, []byte(nil)
		if i := bytes.IndexByte(data, '\n'); i >= 0 {
			line, rest = data[:i], data[i+1:]
		}
		if len(bytes.TrimSpace(line)) > 0 {
			fn(at, bytes.TrimSuffix(line, []byte("\r")))
		}
		at += int64(len(data) - len(rest))
		data = rest
	}
}

// matching calls fn for every line of data holding one of the needles, in
// order, each once.
func matching(at int64, data []byte, needles [][]byte, fn func(off int64, line []byte)) {
	var starts []int
	for _, n := range needles {
		for off := 0; off < len(data); {
			i := bytes.Index(data[off:], n)
			if i < 0 {
				break
			}
			i += off
			s := bytes.LastIndexByte(data[:i], '\n') + 1
			starts = append(starts, s)
			e := bytes.IndexByte(data[i:], '\n')
			if e < 0 {
				break
			}
			off = i + e + 1
		}
	}
	if len(starts) == 0 {
		return
	}
	slices.Sort(starts)
	prev := -1
	for _, s := range starts {
		if s == prev {
			continue
		}
		prev = s
		line := data[s:]
		if e := bytes.IndexByte(line, '\n'); e >= 0 {
			line = line[:e]
		}
		fn(at+int64(s), bytes.TrimSuffix(line, []byte("\r")))
	}
}

// Needle is the JSON form of a string value ("l3" with its quotes), or nil
// when the value may be written more than one way (it holds a quote, a
// backslash, a control or non-ASCII character) and so cannot be found by
// its bytes.
func Needle(v string) []byte {
	for i := range len(v) {
		if c := v[i]; c < 0x20 || c >= 0x7f || c == '"' || c == '\\' {
			return nil
		}
	}
	return []byte(`"` + v + `"`)
}

// msTime is epoch milliseconds as a time in UTC.
func msTime(ms int64) time.Time { return time.UnixMilli(ms).UTC() }
