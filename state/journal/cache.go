package journal

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/dispatchos/dos/kernel/lease"
	"github.com/dispatchos/dos/state/safefile"
)

// cacheVersion changes whenever the cache layout or the fold changes.
const cacheVersion = 3

// cacheMagic opens the cache's first line.
const cacheMagic = "dos-fold-cache"

// probe is how many bytes at the start and before the offset the cache
// keeps to recognise the same journal.
const probe = 128

// foldCache is the fold of the journal's first Offset bytes. On disk it is
// three lines, read without reflection (every hook call reads it, and
// encoding/json's first walk over these types costs a short-lived process
// more than the rest of its work):
//
//	dos-fold-cache 3 DEV INO OFFSET LINES HEAD TAIL   (HEAD, TAIL in base64)
//	[{"line":N,...}, ...] or null                     (the lines skipped)
//	{"leases":[...],...}                              (the lease.Snapshot)
type foldCache struct {
	Dev     uint64
	Ino     uint64
	Offset  int64
	Lines   int
	Head    []byte
	Tail    []byte
	State   lease.Snapshot
	Skipped []Skipped
}

// encode writes the cache's three lines.
func (c *foldCache) encode() ([]byte, error) {
	state, err := json.Marshal(c.State)
	if err != nil {
		return nil, err
	}
	skipped, err := json.Marshal(c.Skipped)
	if err != nil {
		return nil, err
	}
	b64 := base64.StdEncoding.EncodeToString
	head := fmt.Sprintf("%s %d %d %d %d %d %s %s\n", cacheMagic, cacheVersion, c.Dev, c.Ino, c.Offset, c.Lines, b64(c.Head), b64(c.Tail))
	return slices.Concat([]byte(head), skipped, []byte("\n"), state, []byte("\n")), nil
}

// decodeCache reads what encode wrote; ok is false for anything else (an
// older layout included), which makes the reader fold the whole journal.
func decodeCache(b []byte) (c foldCache, ok bool) {
	head, rest, ok1 := bytes.Cut(b, []byte("\n"))
	skipped, state, ok2 := bytes.Cut(rest, []byte("\n"))
	f := strings.Fields(string(head))
	if !ok1 || !ok2 || len(f) != 8 || f[0] != cacheMagic || f[1] != strconv.Itoa(cacheVersion) {
		return foldCache{}, false
	}
	var err [6]error
	c.Dev, err[0] = strconv.ParseUint(f[2], 10, 64)
	c.Ino, err[1] = strconv.ParseUint(f[3], 10, 64)
	c.Offset, err[2] = strconv.ParseInt(f[4], 10, 64)
	c.Lines, err[3] = strconv.Atoi(f[5])
	c.Head, err[4] = base64.StdEncoding.DecodeString(f[6])
	c.Tail, err[5] = base64.StdEncoding.DecodeString(f[7])
	if errors.Join(err[:]...) != nil {
		return foldCache{}, false
	}
	if s := string(bytes.TrimSpace(skipped)); s != "null" && s != "[]" {
		if json.Unmarshal(skipped, &c.Skipped) != nil {
			return foldCache{}, false
		}
	}
	sn, e := lease.DecodeSnapshot(bytes.TrimSpace(state))
	if e != nil {
		return foldCache{}, false
	}
	c.State = sn
	return c, true
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
	c, ok := decodeCache(b)
	if !ok {
		return nil, nil
	}
	dev, ino := safefile.FileID(fi)
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
	dev, ino := safefile.FileID(fi)
	c := foldCache{Dev: dev, Ino: ino, Offset: off, Lines: lines, State: sn, Skipped: skipped}
	c.Head = make([]byte, min(probe, off))
	if _, err := f.ReadAt(c.Head, 0); err != nil {
		return
	}
	c.Tail = make([]byte, min(probe, off))
	if _, err := f.ReadAt(c.Tail, off-int64(len(c.Tail))); err != nil {
		return
	}
	b, err := c.encode()
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
