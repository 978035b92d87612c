package journal

import (
	"fmt"
	"io"

	"github.com/dispatchos/dos/kernel/lease"
)

// Replay is the fold of the journal as read at one moment.
type Replay struct {
	// State is the fold: live set, generations, seq high-water mark.
	State *lease.State
	// Skipped lists the lines that are not records (each a bounded
	// record; they are _CORRUPT sentinels in the record stream), and the
	// _CORRUPT sentinels a compaction kept, in file order.
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
// lines are about 1 KB each, and one bad line may be huge): every reader
// pays for the uncached tail.
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
	f, fi, err := j.open()
	if f == nil || err != nil {
		return rp, err
	}
	defer f.Close()
	start, first := int64(0), 0
	c, err := j.loadCache(f, fi)
	if err != nil {
		return nil, err
	}
	if c != nil {
		start, first = c.Offset, c.Lines
		rp.State = lease.Restore(c.State)
		rp.Skipped = append(rp.Skipped, c.Skipped...)
		rp.Cached = true
	}
	st := rp.State
	// good marks the end of the last record that ends with a newline: a
	// new cache may be cut there, never inside a run of trailing bad lines.
	goodOff, goodLines, goodSkipped := int64(-1), 0, 0
	applied := 0
	// Read what was there at Stat: a line appended meanwhile is left for
	// the next reader, and a partial one is handled as a torn tail.
	scanned, err := scan(io.NewSectionReader(f, start, fi.Size()-start), start, first, func(l *Line) {
		st.Apply(l.Record)
		applied++
		if l.Bad != nil {
			rp.Skipped = append(rp.Skipped, *l.Bad)
			if l.Bad.WasLine == 0 {
				return
			}
		}
		if l.NL {
			goodOff, goodLines, goodSkipped = l.Next, l.Index+1, len(rp.Skipped)
		}
	}, func(l *Line) {
		rp.Torn = l.Bad
	})
	if err != nil {
		return nil, fmt.Errorf("read lane journal %s: %w", j.Path, err)
	}
	rp.Lines = first + scanned
	rp.Size = fi.Size()
	if save && goodOff > 0 && goodSkipped == len(rp.Skipped) && (applied >= cacheEvery || fi.Size()-start >= cacheBytes) {
		j.saveCache(f, fi, goodOff, goodLines, st.Snapshot(), rp.Skipped)
	}
	return rp, nil
}
