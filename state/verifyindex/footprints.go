package verifyindex

import (
	"bytes"
	"encoding/hex"
	"encoding/json"
	"os"
	"path/filepath"
	"sync"

	"github.com/dispatchos/dos/state/safefile"
)

// Footprints caches the paths each checked commit changed, in
// <cache dir>/footprints.jsonl, so the warm path need not open the object
// database. The cache is a convenience, never evidence:
//
//   - Whether a commit changed anything at all is never read from it. The
//     index holds the root tree ids git reported for every commit, and a
//     commit is empty exactly when its tree equals its first parent's
//     ([History.Footprint] decides that before it looks here).
//   - An entry records the commit's tree and its parent's tree beside the
//     paths, and is used only when both match the ids in the index; an
//     entry with no paths cannot describe two different trees and is
//     ignored. Anything else is recomputed from git.
//
// A commit's diff never changes, so entries never go stale. Each entry is
// one small O_APPEND write, so concurrent writers interleave whole lines; a
// torn, garbled or mismatched line is skipped. What the ids cannot catch is
// a line forged with the right ids and wrong paths; the cache directory is
// on the hooks' protected list for that reason, as the index itself is.
type Footprints struct {
	path string
	once sync.Once // reads the file into data
	mu   sync.Mutex
	data []byte                   // the cache file as read
	m    map[[20]byte][]footprint // entries decoded from data or put, by commit
	seen map[[20]byte]bool        // commits whose lines in data were decoded
}

// footprint is one cached entry: the paths a commit changed between two
// trees.
type footprint struct {
	tree, parent [20]byte
	paths        []string
}

// NewFootprints returns the cache in dir; an empty dir caches nothing.
func NewFootprints(dir string) *Footprints {
	if dir == "" {
		return &Footprints{}
	}
	return &Footprints{path: filepath.Join(dir, "footprints.jsonl")}
}

// decodeID parses a 40-digit hex id.
func decodeID(s string) (h [20]byte, ok bool) {
	if len(s) != 40 {
		return h, false
	}
	_, err := hex.Decode(h[:], []byte(s))
	return h, err == nil
}

// maxFootprints bounds the cache file read; a larger one is not read (the
// paths are computed from git instead).
const maxFootprints = 64 << 20

// load reads the cache file. Its lines are decoded lazily, a commit's when
// that commit is first asked for (see [Footprints.decode]): a warm verify
// asks for one or two of a file that grows with every commit ever checked.
func (f *Footprints) load() {
	f.m, f.seen = map[[20]byte][]footprint{}, map[[20]byte]bool{}
	if f.path == "" {
		return
	}
	if b, err := safefile.ReadFile(f.path, maxFootprints); err == nil {
		f.data = b
	}
}

// decode adds the entries of commit h found in the file to f.m. Put writes
// the commit as `"c":"<hex>"` (encoding/json, no spaces), so only the lines
// holding that text are decoded; a line written any other way is not found,
// which costs a recomputation, never a wrong answer. f.mu is held.
func (f *Footprints) decode(h [20]byte) {
	if f.seen[h] {
		return
	}
	f.seen[h] = true
	needle := []byte(`"c":"` + hex.EncodeToString(h[:]) + `"`)
	for rest := f.data; ; {
		i := bytes.Index(rest, needle)
		if i < 0 {
			return
		}
		start := bytes.LastIndexByte(rest[:i], '\n') + 1
		end := bytes.IndexByte(rest[i:], '\n')
		if end < 0 {
			end = len(rest) - i
		}
		line := rest[start : i+end]
		rest = rest[i+end:]
		l, err := parseFootprintLine(line)
		if err != nil || len(l.Paths) == 0 {
			continue
		}
		c, ok1 := decodeID(l.Commit)
		t, ok2 := decodeID(l.Tree)
		u, ok3 := decodeID(l.Parent)
		if ok1 && ok2 && ok3 && c == h && t != u {
			f.m[c] = append(f.m[c], footprint{tree: t, parent: u, paths: l.Paths})
		}
	}
}

// Get returns the cached paths commit h changed between parent (its first
// parent's tree) and tree, if an entry recorded exactly those trees.
func (f *Footprints) Get(h, tree, parent [20]byte) ([]string, bool) {
	f.once.Do(f.load)
	f.mu.Lock()
	defer f.mu.Unlock()
	f.decode(h)
	for _, e := range f.m[h] {
		if e.tree == tree && e.parent == parent {
			return e.paths, true
		}
	}
	return nil, false
}

// Put records the paths commit h changed between parent and tree. An empty
// footprint is not recorded (emptiness comes from the tree ids). Failing
// to write the cache is not an error: the next run computes the paths
// again.
func (f *Footprints) Put(h, tree, parent [20]byte, paths []string) {
	if len(paths) == 0 || tree == parent {
		return
	}
	f.once.Do(f.load)
	f.mu.Lock()
	f.m[h] = append(f.m[h], footprint{tree: tree, parent: parent, paths: paths})
	f.mu.Unlock()
	if f.path == "" {
		return
	}
	line, err := json.Marshal(footprintLine{Commit: hex.EncodeToString(h[:]), Tree: hex.EncodeToString(tree[:]),
		Parent: hex.EncodeToString(parent[:]), Paths: paths})
	if err != nil {
		return
	}
	if err := os.MkdirAll(filepath.Dir(f.path), 0o755); err != nil {
		return
	}
	file, err := os.OpenFile(f.path, os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o644)
	if err != nil {
		return
	}
	defer file.Close()
	_, _ = file.Write(append(bytes.TrimSpace(line), '\n'))
}
