package journal

import (
	"errors"
	"fmt"
	"io"

	"github.com/dispatchos/dos/kernel/lease"
)

// errNoMap says the journal cannot be mapped here (no mmap on this
// platform, or the mapping failed): [Journal.Matching] streams it instead.
var errNoMap = errors.New("journal not mapped")

// matchStream is [Journal.Matching] over the bounded line reader: every
// line that holds all keys is decoded, in file order; a line too long to
// decode is passed over, like any line that does not decode.
func (j *Journal) matchStream(keys [][]byte, fn func(lease.Record)) error {
	f, fi, err := j.open()
	if f == nil || err != nil {
		return err
	}
	defer f.Close()
	lr := newLineReader(io.NewSectionReader(f, 0, fi.Size()), 0, 0, MaxLine)
	for {
		l, err := lr.next()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return fmt.Errorf("read lane journal %s: %w", j.Path, err)
		}
		if l.long != nil || !hasAll(l.text, keys) {
			continue
		}
		if r, err := lease.DecodeRecord(l.text); err == nil {
			fn(r)
		}
	}
}
