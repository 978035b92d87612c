package journal

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"os"
	"path/filepath"

	"github.com/dispatchos/dos/kernel/lease"
	"github.com/dispatchos/dos/state/safefile"
)

// cacheVersion changes whenever the cache layout or the fold changes.
const cacheVersion = 2

// probe is how many bytes at the start and before the offset the cache
// keeps to recognise the same journal.
const probe = 128

// foldCache is the fold of the journal's first Offset bytes.
type foldCache struct {
	Version int            `json:"version"`
	Dev     uint64         `json:"dev"`
	Ino     uint64         `json:"ino"`
	Offset  int64          `json:"offset"`
	Lines   int            `json:"lines"`
	Head    []byte         `json:"head"`
	Tail    []byte         `json:"tail"`
	State   lease.Snapshot `json:"state"`
	Skipped []Skipped      `json:"skipped,omitempty"`
}

// maxCache bounds the fold cache read: a bigger file is not one dos
// wrote, and is ignored.
const maxCache = 64 << 20

// loadCache returns the cache if it describes a prefix of the open
// journal f, else nil. A cache that is a symlink is an error: a state file
// is never followed.
func (j *Journal) loadCache(f *os.File, fi os.FileInfo) (*foldCache, error) {
	if j.CachePath == "" {
		return nil, nil
	}
	cf, err := safefile.Open(j.CachePath)
	if errors.Is(err, safefile.ErrSymlink) {
		return nil, err
	}
	if err != nil {
		return nil, nil
	}
	b, err := io.ReadAll(io.LimitReader(cf, maxCache+1))
	cf.Close()
	if err != nil || len(b) > maxCache {
		return nil, nil
	}
	var c foldCache
	if json.Unmarshal(b, &c) != nil || c.Version != cacheVersion {
		return nil, nil
	}
	dev, ino := fileID(fi)
	if c.Dev != dev || c.Ino != ino || c.Offset <= 0 || c.Offset > fi.Size() || c.Lines < 0 {
		return nil, nil
	}
	head, tail := make([]byte, len(c.Head)), make([]byte, len(c.Tail))
	if _, err := f.ReadAt(head, 0); err != nil || !bytes.Equal(head, c.Head) {
		return nil, nil
	}
	if _, err := f.ReadAt(tail, c.Offset-int64(len(tail))); err != nil || !bytes.Equal(tail, c.Tail) {
		return nil, nil
	}
	return &c, nil
}

// saveCache writes the fold of the journal's first off bytes. A failure is
// ignored: the cache is only an accelerator.
func (j *Journal) saveCache(f *os.File, fi os.FileInfo, off int64, lines int, sn lease.Snapshot, skipped []Skipped) {
	dev, ino := fileID(fi)
	c := foldCache{Version: cacheVersion, Dev: dev, Ino: ino, Offset: off, Lines: lines, State: sn, Skipped: skipped}
	c.Head = make([]byte, min(probe, off))
	if _, err := f.ReadAt(c.Head, 0); err != nil {
		return
	}
	c.Tail = make([]byte, min(probe, off))
	if _, err := f.ReadAt(c.Tail, off-int64(len(c.Tail))); err != nil {
		return
	}
	b, err := json.Marshal(c)
	if err != nil {
		return
	}
	tmp, err := os.CreateTemp(filepath.Dir(j.CachePath), filepath.Base(j.CachePath)+".tmp*")
	if err != nil {
		return
	}
	_, werr := tmp.Write(b)
	if cerr := tmp.Close(); werr != nil || cerr != nil {
		os.Remove(tmp.Name())
		return
	}
	if os.Rename(tmp.Name(), j.CachePath) != nil {
		os.Remove(tmp.Name())
	}
}
