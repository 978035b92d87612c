package verifyindex

import (
	"bufio"
	"bytes"
	"encoding/hex"
	"encoding/json"
	"os"
	"path/filepath"
	"sync"
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
	once sync.Once
	mu   sync.Mutex
	m    map[[20]byte][]footprint
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

type footprintLine struct {
	Commit string   `json:"c"`
	Tree   string   `json:"t"`
	Parent string   `json:"u"`
	Paths  []string `json:"p"`
}

// decodeID parses a 40-digit hex id.
func decodeID(s string) (h [20]byte, ok bool) {
	if len(s) != 40 {
		return h, false
	}
	_, err := hex.Decode(h[:], []byte(s))
	return h, err == nil
}

func (f *Footprints) load() {
	f.m = map[[20]byte][]footprint{}
	if f.path == "" {
		return
	}
	file, err := os.Open(f.path)
	if err != nil {
		return
	}
	defer file.Close()
	// The buffer starts at the file's size (a fresh 64 KiB buffer is 16
	// pages to fault in, for a file that is often a few hundred bytes).
	size := int64(64 << 10)
	if st, err := file.Stat(); err == nil {
		size = min(size, st.Size()+1)
	}
	sc := bufio.NewScanner(file)
	sc.Buffer(make([]byte, 0, size), 16<<20)
	for sc.Scan() {
		var l footprintLine
		if json.Unmarshal(sc.Bytes(), &l) != nil || len(l.Paths) == 0 {
			continue
		}
		c, ok1 := decodeID(l.Commit)
		t, ok2 := decodeID(l.Tree)
		u, ok3 := decodeID(l.Parent)
		if ok1 && ok2 && ok3 && t != u {
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
