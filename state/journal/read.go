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

	"github.com/dispatchos/dos/internal/debuglog"
	"github.com/dispatchos/dos/kernel/lease"
	"github.com/dispatchos/dos/state/safefile"
)

// Journal is one lane journal on disk.
type Journal struct {
	// Path is the JSON Lines file.
	Path string
	// LockPath is the stable lock file every dos writer takes (flock).
	LockPath string
	// RefLockPath is the reference tool's lane-lease lock file, taken by
	// its create-exclusive protocol inside LockPath so that dos and the
	// reference exclude each other; empty skips it.
	RefLockPath string
	// CachePath is the fold cache; empty disables it.
	CachePath string
	// Log receives debug lines: how long a writer waited for the locks
	// and how long the fold took. nil is off.
	Log debuglog.Logger
}

// Line is one journal line as read.
type Line struct {
	// Index is the 0-based line number ('\n'-separated, blanks counted).
	Index int
	// Offset is the byte offset of the line; Next the offset just past it.
	Offset, Next int64
	// NL is true when the line ends with '\n'.
	NL bool
	// Raw is the line's text without its newline; for a bad line, at most
	// the first bytes of it. Inside a scan callback it is only valid until
	// the callback returns.
	Raw []byte
	// Record is the decoded record; a _CORRUPT sentinel for a bad line.
	Record lease.Record
	// Bad is the bounded record of a line that is not a JSON object, or
	// of a _CORRUPT sentinel a compaction kept; nil for a record.
	Bad *Skipped
}

// Stored is the line as a journal keeps it: its bytes, or for a bad line
// (or a kept _CORRUPT sentinel) its sentinel, encoded. Inside a scan
// callback the bytes are only valid until the callback returns.
func (l *Line) Stored() ([]byte, error) {
	if l.Bad == nil {
		return l.Raw, nil
	}
	return EncodeRecord(l.Bad.Sentinel())
}

// Batching: lines are decoded a batch at a time, on every CPU when the
// batch is big, and handed on in file order; memory stays bounded by the
// batch and the longest line (MaxLine).
const (
	batchBytes    = 1 << 20
	batchLines    = 8192
	parallelBytes = 256 << 10
)

// item is one non-blank line of a batch.
type item struct {
	l          Line
	start, end int
	long       *Skipped
}

// scan reads r (positioned at byte off, line index first) line by line.
// Lines are split on '\n' only, a trailing '\r' is trimmed, blank lines are
// skipped. An unparseable last line with nothing after it is reported
// through torn (when not nil) instead of emit: a crash mid-append did not
// happen. It returns the number of lines read (blanks counted).
func scan(r io.Reader, off int64, first int, emit func(l *Line), torn func(l *Line)) (int, error) {
	return scanMax(r, off, first, MaxLine, emit, torn)
}

// scanMax is scan with lines longer than maxLine treated as too long.
func scanMax(r io.Reader, off int64, first, maxLine int, emit func(l *Line), torn func(l *Line)) (int, error) {
	lr := newLineReader(r, off, first, maxLine)
	var (
		arena   []byte
		items   []item
		pending *Line // a bad line, emitted once a later line shows it is not the tail
	)
	out := func(l *Line) {
		if pending != nil {
			emit(pending)
			pending = nil
		}
		if l.Bad != nil && l.Bad.WasLine == 0 {
			cp := *l
			pending = &cp
			return
		}
		emit(l)
	}
	flush := func() {
		decodeBatch(arena, items)
		for i := range items {
			out(&items[i].l)
		}
		arena, items = arena[:0], items[:0]
	}
	for {
		rl, err := lr.next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return lr.idx - first, err
		}
		l := Line{Index: rl.idx, Offset: rl.off, Next: rl.next, NL: rl.nl}
		if rl.long != nil {
			if !rl.blank {
				items = append(items, item{l: l, long: rl.long})
			}
		} else if len(bytes.TrimSpace(rl.text)) > 0 {
			start := len(arena)
			arena = append(arena, rl.text...)
			items = append(items, item{l: l, start: start, end: len(arena)})
		}
		if len(arena) >= batchBytes || len(items) >= batchLines {
			flush()
		}
	}
	flush()
	if pending != nil {
		if torn != nil {
			torn(pending)
		} else {
			emit(pending)
		}
	}
	return lr.idx - first, nil
}

// decodeBatch decodes every item's line, on every CPU for a big batch.
func decodeBatch(arena []byte, items []item) {
	decode := func(lo, hi int) {
		for i := lo; i < hi; i++ {
			it := &items[i]
			if it.long != nil {
				it.l.Bad = it.long
			} else {
				text := arena[it.start:it.end]
				it.l.Raw = text
				r, err := lease.DecodeRecord(text)
				if err == nil {
					it.l.Record = r
					if r.Op == lease.OpCorrupt {
						it.l.Bad = keptLine(it.l.Index, it.l.Offset, r)
					}
					continue
				}
				it.l.Bad = badLine(it.l.Index, it.l.Offset, text)
			}
			it.l.Raw = []byte(it.l.Bad.raw)
			it.l.Record = it.l.Bad.record()
		}
	}
	workers := runtime.GOMAXPROCS(0)
	if len(arena) < parallelBytes || workers < 2 || len(items) < 2*workers {
		decode(0, len(items))
		return
	}
	var wg sync.WaitGroup
	chunk := (len(items) + workers - 1) / workers
	for lo := 0; lo < len(items); lo += chunk {
		wg.Add(1)
		go func(lo, hi int) {
			defer wg.Done()
			decode(lo, hi)
		}(lo, min(lo+chunk, len(items)))
	}
	wg.Wait()
}

// open opens the journal for reading: nil for a missing file, and a nil
// file with its info for a device or other non-regular file (it reads as
// empty).
func (j *Journal) open() (*os.File, fs.FileInfo, error) {
	f, err := safefile.Open(j.Path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil, nil
	}
	if err != nil {
		return nil, nil, safefile.Wrap("read lane journal", j.Path, err)
	}
	fi, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, nil, fmt.Errorf("read lane journal %s: %w", j.Path, err)
	}
	if !fi.Mode().IsRegular() {
		f.Close()
		return nil, fi, nil
	}
	return f, fi, nil
}

// Lines reads every line of the journal without locking. The torn final
// line, if any, is returned separately.
func (j *Journal) Lines() (lines []Line, torn *Line, err error) { return j.Tail(0) }

// Tail reads the journal's last n lines (every line for n <= 0) without
// locking, holding at most n lines at a time. The torn final line, if
// any, is returned separately.
func (j *Journal) Tail(n int) (lines []Line, torn *Line, err error) {
	f, fi, err := j.open()
	if f == nil || err != nil {
		return nil, nil, err
	}
	defer f.Close()
	// Read what was there at Stat: a line appended meanwhile is left for
	// the next reader, and a partial one is handled as a torn tail.
	_, err = scan(io.NewSectionReader(f, 0, fi.Size()), 0, 0, func(l *Line) {
		cp := *l
		cp.Raw = bytes.Clone(l.Raw)
		if n > 0 && len(lines) == 2*n {
			lines = append(lines[:0], lines[n:]...)
		}
		lines = append(lines, cp)
	}, func(l *Line) { cp := *l; torn = &cp })
	if err != nil {
		return nil, nil, fmt.Errorf("read lane journal %s: %w", j.Path, err)
	}
	if n > 0 && len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return lines, torn, nil
}
