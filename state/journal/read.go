package journal

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"runtime"
	"sync"

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
// through torn instead of emit: a crash mid-append did not happen. emit
// gets the offset just past the line and the line. Long inputs are decoded
// on every CPU; records are still emitted in file order.
func scan(data []byte, first int, emit func(next int, l Line), torn func(l Line)) (lines int) {
	type span struct {
		idx, next int
		raw       []byte
	}
	var spans []span
	idx, off := first, 0
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
			spans = append(spans, span{idx: idx, next: next, raw: raw})
		}
		idx++
		off = next
	}
	recs := make([]lease.Record, len(spans))
	bad := make([]bool, len(spans))
	decode := func(lo, hi int) {
		for i := lo; i < hi; i++ {
			r, err := lease.DecodeRecord(spans[i].raw)
			recs[i], bad[i] = r, err != nil
		}
	}
	if workers := runtime.GOMAXPROCS(0); len(data) >= parallelBytes && workers > 1 {
		var wg sync.WaitGroup
		chunk := (len(spans) + workers - 1) / workers
		for lo := 0; lo < len(spans); lo += chunk {
			wg.Add(1)
			go func(lo, hi int) {
				defer wg.Done()
				decode(lo, hi)
			}(lo, min(lo+chunk, len(spans)))
		}
		wg.Wait()
	} else {
		decode(0, len(spans))
	}
	for i, sp := range spans {
		l := Line{Index: sp.idx, Raw: sp.raw, Record: recs[i]}
		if bad[i] {
			l.Record = lease.Record{Op: lease.OpCorrupt, Raw: string(sp.raw), Line: sp.idx}
			if i == len(spans)-1 {
				if torn != nil {
					torn(l)
				}
				return sp.idx + 1 - first
			}
		}
		emit(sp.next, l)
	}
	return idx - first
}

// parallelBytes is the input size from which scan decodes on every CPU.
const parallelBytes = 1 << 20

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
