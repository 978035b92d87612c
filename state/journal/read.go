package journal

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"

	"github.com/dispatchos/dos/kernel/lease"
)

// Journal is one lane journal on disk.
type Journal struct {
	// Path is the JSON Lines file.
	Path string
	// LockPath is the stable lock file every writer takes.
	LockPath string
	// CachePath is the fold cache; empty disables it.
	CachePath string
}

// Line is one journal line as read.
type Line struct {
	// Index is the 0-based line number ('\n'-separated, blanks counted).
	Index int
	// Raw is the line's text without its newline.
	Raw []byte
	// Record is the decoded record; a _CORRUPT sentinel for a line that is
	// not a JSON object.
	Record lease.Record
}

// Skipped is a line the reader could not parse.
type Skipped struct {
	Line int    `json:"line"`
	Raw  string `json:"raw"`
}

// scan walks data (which starts at line index first) line by line. Lines
// are split on '\n' only, a trailing '\r' is trimmed, blank lines are
// skipped. An unparseable last line with nothing after it is reported
// through torn instead of emit: a crash mid-append did not happen.
func scan(data []byte, first int, emit func(off int, l Line), torn func(l Line)) (lines int) {
	idx := first
	off := 0
	for off < len(data) {
		end := bytes.IndexByte(data[off:], '\n')
		next := len(data)
		if end >= 0 {
			end += off
			next = end + 1
		} else {
			end = len(data)
		}
		raw := bytes.TrimSuffix(data[off:end], []byte("\r"))
		if len(bytes.TrimSpace(raw)) > 0 {
			r, err := lease.DecodeRecord(raw)
			l := Line{Index: idx, Raw: raw, Record: r}
			if err != nil {
				l.Record = lease.Record{Op: lease.OpCorrupt, Raw: string(raw), Line: idx}
				if len(bytes.TrimSpace(data[next:])) == 0 {
					if torn != nil {
						torn(l)
					}
					return idx + 1 - first
				}
			}
			emit(next, l)
		}
		idx++
		off = next
	}
	return idx - first
}

// readFile returns the journal's bytes from offset, or nothing for a
// missing file. A device or other non-regular file reads as empty.
func (j *Journal) readFile(offset int64) ([]byte, fs.FileInfo, error) {
	f, err := os.Open(j.Path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil, nil
	}
	if err != nil {
		return nil, nil, fmt.Errorf("read lane journal %s: %w", j.Path, err)
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return nil, nil, fmt.Errorf("read lane journal %s: %w", j.Path, err)
	}
	if !fi.Mode().IsRegular() {
		return nil, fi, nil
	}
	if offset > fi.Size() {
		offset = 0
	}
	buf := make([]byte, fi.Size()-offset)
	n, err := f.ReadAt(buf, offset)
	if err != nil && !errors.Is(err, io.EOF) {
		return nil, nil, fmt.Errorf("read lane journal %s: %w", j.Path, err)
	}
	// The file may have grown since Stat; what was read is a consistent
	// prefix, and a partial last line is handled as a torn tail.
	return buf[:n], fi, nil
}

// Lines reads every line of the journal without locking. The torn final
// line, if any, is returned separately.
func (j *Journal) Lines() (lines []Line, torn *Line, err error) {
	data, _, err := j.readFile(0)
	if err != nil {
		return nil, nil, err
	}
	scan(data, 0, func(_ int, l Line) { lines = append(lines, l) }, func(l Line) { torn = &l })
	return lines, torn, nil
}
