package journal

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"

	"github.com/dispatchos/dos/kernel/lease"
)

// Replay is the fold of the journal as read at one moment.
type Replay struct {
	// State is the fold: live set, generations, seq high-water mark.
	State *lease.State
	// Skipped lists unparseable lines that were not the final one (they
	// are _CORRUPT sentinels in the record stream).
	Skipped []Skipped
	// Torn is the unparseable final line, if any; it was ignored.
	Torn *Skipped
	// Size is the number of bytes read.
	Size int64
	// Lines is the number of lines read (blank lines counted).
	Lines int
	// Cached reports whether the fold started from the cache.
	Cached bool
}

// cacheEvery is how many newly read records, or cacheBytes how many newly
// read bytes, make a writer's replay refresh the fold cache. The byte bound
// keeps readers fast on journals of large records (the hooks' ENFORCE
// lines are about 1 KB each): every reader pays for the uncached tail.
const (
	cacheEvery = 128
	cacheBytes = 16 << 10
)

// Replay folds the journal without locking, starting from the fold cache
// when it is valid. It writes nothing: a read-only verb leaves the
// workspace as it found it. A missing journal, or one that is not a
// regular file, is empty.
func (j *Journal) Replay() (*Replay, error) { return j.replay(false) }

// replay is Replay; with save, a long unread tail refreshes the fold cache
// (writers do this, under the journal lock).
func (j *Journal) replay(save bool) (*Replay, error) {
	rp := &Replay{State: &lease.State{}}
	f, err := os.Open(j.Path)
	if errors.Is(err, fs.ErrNotExist) {
		return rp, nil
	}
	if err != nil {
		return nil, fmt.Errorf("read lane journal %s: %w", j.Path, err)
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return nil, fmt.Errorf("read lane journal %s: %w", j.Path, err)
	}
	if !fi.Mode().IsRegular() {
		return rp, nil
	}
	start, first := int64(0), 0
	if c := j.loadCache(f, fi); c != nil {
		start, first = c.Offset, c.Lines
		rp.State = lease.Restore(c.State)
		rp.Skipped = append(rp.Skipped, c.Skipped...)
		rp.Cached = true
	}
	data := make([]byte, fi.Size()-start)
	n, err := f.ReadAt(data, start)
	if err != nil && !errors.Is(err, io.EOF) {
		return nil, fmt.Errorf("read lane journal %s: %w", j.Path, err)
	}
	data = data[:n]
	st := rp.State
	// good marks the end of the last parsed record: a new cache may be cut
	// there, never inside a run of trailing unparseable lines.
	goodOff, goodLines, goodSkipped := -1, 0, 0
	applied := 0
	scanned := scan(data, first, func(next int, l Line) {
		st.Apply(l.Record)
		applied++
		if l.Record.Op == lease.OpCorrupt {
			rp.Skipped = append(rp.Skipped, Skipped{Line: l.Index, Raw: string(l.Raw)})
			return
		}
		if data[next-1] == '\n' {
			goodOff, goodLines, goodSkipped = next, l.Index+1, len(rp.Skipped)
		}
	}, func(l Line) {
		rp.Torn = &Skipped{Line: l.Index, Raw: string(l.Raw)}
	})
	rp.Lines = first + scanned
	rp.Size = start + int64(len(data))
	if save && (applied >= cacheEvery || len(data) >= cacheBytes) && goodOff > 0 && goodSkipped == len(rp.Skipped) {
		j.saveCache(f, fi, start+int64(goodOff), goodLines, st.Snapshot(), rp.Skipped)
	}
	return rp, nil
}
