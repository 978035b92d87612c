package livefold

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"hash/fnv"
	"os"
	"path/filepath"

	"github.com/dispatchos/dos/kernel/lease"
	"github.com/dispatchos/dos/state/safefile"
)

// cacheVersion changes whenever the cache layout or the reduction changes.
const cacheVersion = 1

// probe is how many bytes at the start and before the offset the cache
// keeps to recognise the same journal.
const probe = 128

// saveEvery is how many newly read lines make a gather save the cache.
const saveEvery = 128

var magic = []byte("DOS-LIVEFOLD\n")

// header is the cache's JSON part; the seen hashes follow it in binary.
type header struct {
	Version int               `json:"version"`
	Dev     uint64            `json:"dev"`
	Ino     uint64            `json:"ino"`
	Offset  int64             `json:"offset"`
	Head    []byte            `json:"head"`
	Tail    []byte            `json:"tail"`
	Idents  []*ident          `json:"idents"`
	Spawns  map[string]*times `json:"spawns"`
	Halts   map[string]*times `json:"halts"`
	State   lease.Snapshot    `json:"state"`
}

// CachePath is where the summary of the journal at journalPath lives in
// dir (normally <git-common-dir>/dos).
func CachePath(dir, journalPath string) string {
	abs, err := filepath.Abs(journalPath)
	if err != nil {
		abs = journalPath
	}
	h := fnv.New64a()
	h.Write([]byte(abs))
	return filepath.Join(dir, fmt.Sprintf("livefold-%016x.cache", h.Sum64()))
}

// maxCacheBytes bounds the cache file load reads; a larger one is ignored
// (the journal is folded from its start instead).
const maxCacheBytes = 64 << 20

// load reads the cache and returns the summary of the journal's first
// Offset bytes, or nil when the cache is missing or describes anything
// else.
func load(path string, f *os.File, fi os.FileInfo) (*summary, int64) {
	b, err := safefile.ReadFile(path, maxCacheBytes) // a symlinked or oversized cache is never read
	if err != nil || !bytes.HasPrefix(b, magic) {
		return nil, 0
	}
	b = b[len(magic):]
	if len(b) < 4 {
		return nil, 0
	}
	n := int(binary.LittleEndian.Uint32(b))
	if n > len(b)-4 {
		return nil, 0
	}
	var h header
	if json.Unmarshal(b[4:4+n], &h) != nil || h.Version != cacheVersion {
		return nil, 0
	}
	rest := b[4+n:]
	if len(rest) < 4 {
		return nil, 0
	}
	count := int(binary.LittleEndian.Uint32(rest))
	rest = rest[4:]
	if count*8 != len(rest) {
		return nil, 0
	}
	dev, ino := safefile.FileID(fi)
	if h.Dev != dev || h.Ino != ino || h.Offset <= 0 || h.Offset > fi.Size() {
		return nil, 0
	}
	head, tail := make([]byte, len(h.Head)), make([]byte, len(h.Tail))
	if _, err := f.ReadAt(head, 0); err != nil || !bytes.Equal(head, h.Head) {
		return nil, 0
	}
	if _, err := f.ReadAt(tail, h.Offset-int64(len(tail))); err != nil || !bytes.Equal(tail, h.Tail) {
		return nil, 0
	}
	s := newSummary()
	s.state = lease.Restore(h.State)
	for _, in := range h.Idents {
		in.restore()
		s.idents[lease.Identity{LoopTS: in.LoopTS, Lane: in.Lane}] = in
	}
	if h.Spawns != nil {
		s.spawns = h.Spawns
	}
	if h.Halts != nil {
		s.halts = h.Halts
	}
	s.seen = make([]uint64, count)
	for i := range s.seen {
		s.seen[i] = binary.LittleEndian.Uint64(rest[8*i:])
	}
	return s, h.Offset
}

// save writes the summary of the journal's first off bytes (off just past
// a newline). A failure is ignored: the cache only saves time.
func save(path string, f *os.File, fi os.FileInfo, off int64, s *summary) {
	if off <= 0 {
		return
	}
	last := make([]byte, 1)
	if _, err := f.ReadAt(last, off-1); err != nil || last[0] != '\n' {
		return
	}
	s.prune()
	dev, ino := safefile.FileID(fi)
	h := header{Version: cacheVersion, Dev: dev, Ino: ino, Offset: off, Spawns: s.spawns, Halts: s.halts, State: s.state.Snapshot()}
	h.Head = make([]byte, min(probe, off))
	h.Tail = make([]byte, min(probe, off))
	if _, err := f.ReadAt(h.Head, 0); err != nil {
		return
	}
	if _, err := f.ReadAt(h.Tail, off-int64(len(h.Tail))); err != nil {
		return
	}
	for _, in := range s.idents {
		h.Idents = append(h.Idents, in)
	}
	js, err := json.Marshal(h)
	if err != nil {
		return
	}
	seen := s.seenAll()
	var buf bytes.Buffer
	buf.Write(magic)
	binary.Write(&buf, binary.LittleEndian, uint32(len(js)))
	buf.Write(js)
	binary.Write(&buf, binary.LittleEndian, uint32(len(seen)))
	for _, x := range seen {
		binary.Write(&buf, binary.LittleEndian, x)
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), filepath.Base(path)+".tmp*")
	if err != nil {
		return
	}
	_, werr := tmp.Write(buf.Bytes())
	if cerr := tmp.Close(); werr != nil || cerr != nil {
		os.Remove(tmp.Name())
		return
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		os.Remove(tmp.Name())
	}
}
