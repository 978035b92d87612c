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
// <cache dir>/footprints.jsonl. A commit's diff never changes, so entries
// never go stale; the cache only spares the warm path from opening the
// object database. Each entry is one small O_APPEND write, so concurrent
// writers interleave whole lines; a torn or garbled line is skipped.
type Footprints struct {
	path string
	once sync.Once
	mu   sync.Mutex
	m    map[[20]byte][]string
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
	Paths  []string `json:"p"`
}

func (f *Footprints) load() {
	f.m = map[[20]byte][]string{}
	if f.path == "" {
		return
	}
	file, err := os.Open(f.path)
	if err != nil {
		return
	}
	defer file.Close()
	sc := bufio.NewScanner(file)
	sc.Buffer(make([]byte, 64*1024), 16<<20)
	for sc.Scan() {
		var l footprintLine
		var h [20]byte
		if json.Unmarshal(sc.Bytes(), &l) != nil || len(l.Commit) != 40 {
			continue
		}
		if _, err := hex.Decode(h[:], []byte(l.Commit)); err != nil {
			continue
		}
		if l.Paths == nil {
			l.Paths = []string{}
		}
		f.m[h] = l.Paths
	}
}

// Get returns the cached paths of commit h.
func (f *Footprints) Get(h [20]byte) ([]string, bool) {
	f.once.Do(f.load)
	f.mu.Lock()
	defer f.mu.Unlock()
	p, ok := f.m[h]
	return p, ok
}

// Put records the paths of commit h. Failing to write the cache is not an
// error: the next run computes the paths again.
func (f *Footprints) Put(h [20]byte, paths []string) {
	f.once.Do(f.load)
	f.mu.Lock()
	f.m[h] = paths
	f.mu.Unlock()
	if f.path == "" {
		return
	}
	if paths == nil {
		paths = []string{}
	}
	line, err := json.Marshal(footprintLine{Commit: hex.EncodeToString(h[:]), Paths: paths})
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
