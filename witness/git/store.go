package git

import (
	"bufio"
	"bytes"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"

	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/cache"
	"github.com/go-git/go-git/v5/plumbing/format/idxfile"
	"github.com/go-git/go-git/v5/plumbing/format/objfile"
	"github.com/go-git/go-git/v5/plumbing/format/packfile"
)

// store reads objects from a repository's object directories: loose
// objects, packs (through their .idx files) and the object directories
// named in objects/info/alternates. It decodes with go-git's format
// packages only, so none of go-git's repository, config or storage
// layers is linked.
type store struct {
	objects string // <common dir>/objects

	once  sync.Once
	dirs  []string // objects, then its alternates
	packs []*pack
	err   error
	cache cache.Object
}

// pack is one pack file and its index, opened at its first read and kept
// open.
type pack struct {
	path string // the .pack file
	idx  *idxfile.MemoryIndex
	mu   sync.Mutex
	p    *packfile.Packfile
	err  error
}

func newStore(commonDir string) *store {
	return &store{objects: filepath.Join(commonDir, "objects"), cache: cache.NewObjectLRUDefault()}
}

// maxAlternates bounds the chain of alternates followed, as git does.
const maxAlternates = 5

// load finds the object directories and reads every pack index.
func (s *store) load() error {
	s.once.Do(func() {
		s.dirs = alternates(s.objects, 0, nil)
		for _, d := range s.dirs {
			names, err := filepath.Glob(filepath.Join(d, "pack", "pack-*.idx"))
			if err != nil {
				s.err = err
				return
			}
			for _, n := range names {
				p, err := readIndex(n)
				if err != nil {
					s.err = err
					return
				}
				if p != nil {
					s.packs = append(s.packs, p)
				}
			}
		}
	})
	return s.err
}

// alternates lists dir and, depth first, the directories its
// objects/info/alternates file names (relative paths are relative to dir).
func alternates(dir string, depth int, seen []string) []string {
	for _, s := range seen {
		if s == dir {
			return seen
		}
	}
	seen = append(seen, dir)
	if depth >= maxAlternates {
		return seen
	}
	b, err := os.ReadFile(filepath.Join(dir, "info", "alternates"))
	if err != nil {
		return seen
	}
	for _, line := range strings.Split(string(b), "\n") {
		line = strings.TrimSpace(line)
		if line == "" || line[0] == '#' {
			continue
		}
		if !filepath.IsAbs(line) {
			line = filepath.Join(dir, line)
		}
		seen = alternates(filepath.Clean(line), depth+1, seen)
	}
	return seen
}

// readIndex reads a pack's .idx; a pack whose .pack is gone (being
// repacked) is skipped.
func readIndex(idxPath string) (*pack, error) {
	packPath := strings.TrimSuffix(idxPath, ".idx") + ".pack"
	if _, err := os.Stat(packPath); err != nil {
		return nil, nil
	}
	f, err := os.Open(idxPath)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	idx := idxfile.NewMemoryIndex()
	if err := idxfile.NewDecoder(bufio.NewReader(f)).Decode(idx); err != nil {
		return nil, fmt.Errorf("read %s: %w", idxPath, err)
	}
	return &pack{path: packPath, idx: idx}, nil
}

// packFile is an *os.File as go-git's packfile reader wants it; the lock
// methods are never used for reading.
type packFile struct{ *os.File }

func (packFile) Lock() error   { return nil }
func (packFile) Unlock() error { return nil }

// object returns h from this pack, or nil when the pack lacks it.
func (p *pack) object(h Hash, c cache.Object) (plumbing.EncodedObject, error) {
	off, err := p.idx.FindOffset(h)
	if errors.Is(err, plumbing.ErrObjectNotFound) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.p == nil && p.err == nil {
		f, err := os.Open(p.path)
		if err != nil {
			p.err = err
		} else {
			// No filesystem: objects come back whole, in memory.
			p.p = packfile.NewPackfileWithCache(p.idx, nil, packFile{f}, c, 0)
		}
	}
	if p.err != nil {
		return nil, p.err
	}
	return p.p.GetByOffset(off)
}

// open returns an object's type, size and a reader of its content.
func (s *store) open(h Hash) (plumbing.ObjectType, io.ReadCloser, error) {
	if err := s.load(); err != nil {
		return 0, nil, err
	}
	if o, ok := s.cache.Get(h); ok {
		rd, err := o.Reader()
		return o.Type(), rd, err
	}
	name := h.String()
	for _, d := range s.dirs {
		f, err := os.Open(filepath.Join(d, name[:2], name[2:]))
		if errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if err != nil {
			return 0, nil, err
		}
		r, err := objfile.NewReader(f)
		if err != nil {
			f.Close()
			return 0, nil, fmt.Errorf("loose object %s: %w", name, err)
		}
		t, _, err := r.Header()
		if err != nil {
			r.Close()
			f.Close()
			return 0, nil, fmt.Errorf("loose object %s: %w", name, err)
		}
		return t, looseReader{r, f}, nil
	}
	for _, p := range s.packs {
		o, err := p.object(h, s.cache)
		if err != nil {
			return 0, nil, fmt.Errorf("pack %s: %w", filepath.Base(p.path), err)
		}
		if o != nil {
			rd, err := o.Reader()
			return o.Type(), rd, err
		}
	}
	return 0, nil, errMissing
}

// looseReader closes both the zlib reader and the file under it.
type looseReader struct {
	*objfile.Reader
	f *os.File
}

func (l looseReader) Close() error { return errors.Join(l.Reader.Close(), l.f.Close()) }

// has reports whether the repository holds object h.
func (s *store) has(h Hash) bool {
	if err := s.load(); err != nil {
		return false
	}
	name := h.String()
	for _, d := range s.dirs {
		if _, err := os.Stat(filepath.Join(d, name[:2], name[2:])); err == nil {
			return true
		}
	}
	for _, p := range s.packs {
		if ok, _ := p.idx.Contains(h); ok {
			return true
		}
	}
	return false
}

// hashesWithPrefix lists every object whose hash starts with the bytes
// of prefix (loose and packed, possibly twice).
func (s *store) hashesWithPrefix(prefix []byte) ([]Hash, error) {
	if err := s.load(); err != nil {
		return nil, err
	}
	var out []Hash
	for _, d := range s.dirs {
		fanout := []string{}
		if len(prefix) > 0 {
			fanout = append(fanout, hex.EncodeToString(prefix[:1]))
		} else {
			for i := range 256 {
				fanout = append(fanout, hex.EncodeToString([]byte{byte(i)}))
			}
		}
		for _, fo := range fanout {
			des, err := os.ReadDir(filepath.Join(d, fo))
			if err != nil {
				continue
			}
			for _, de := range des {
				var h Hash
				if decodeHash(&h, []byte(fo+de.Name())) && bytes.HasPrefix(h[:], prefix) {
					out = append(out, h)
				}
			}
		}
	}
	for _, p := range s.packs {
		it, err := p.idx.Entries()
		if err != nil {
			return nil, err
		}
		for {
			e, err := it.Next()
			if err == io.EOF {
				break
			}
			if err != nil {
				it.Close()
				return nil, err
			}
			if bytes.HasPrefix(e.Hash[:], prefix) {
				out = append(out, e.Hash)
			}
		}
		it.Close()
	}
	return out, nil
}
