package verifyindex

import (
	"context"
	"encoding/hex"
	"errors"
	"fmt"
	"hash/fnv"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/dispatchos/dos/internal/debuglog"
	"github.com/dispatchos/dos/internal/lazy"
	"github.com/dispatchos/dos/kernel/stamp"
	"github.com/dispatchos/dos/state/safefile"
	"github.com/dispatchos/dos/witness/gitlog"
)

// keep is how many index files (tips) a repository keeps; linked worktrees
// on different branches each warm their own.
const keep = 4

// Request says which history to index and where the cache lives.
type Request struct {
	// RepoDir is a directory inside the repository (the checkout root).
	RepoDir string
	// CacheDir holds the index files, normally <git-common-dir>/dos.
	// Empty means build in memory only (--no-index).
	CacheDir string
	// Tip is the commit whose history is indexed.
	Tip [20]byte
	// Convention decides which commit bodies the grammar may read.
	Convention stamp.Convention
	// Shallow is the repository's shallow file (empty for a full clone):
	// deepening a shallow clone adds history behind the same tip, so the
	// index must not be reused across it.
	Shallow string
	// Log receives debug lines: a cache hit, an index extended from an
	// older tip, or one built from scratch, with how long each took.
	Log debuglog.Logger
}

// Fingerprint identifies what, besides the tip, shapes an index: the parts
// of the convention that choose stored bodies, and the shallow boundary.
// It is FNV-1a, not the pages' CRC-32C: a warm verify reads an index
// without checksumming it, and building the CRC-32C tables alone cost a
// tenth of such a run.
func Fingerprint(c stamp.Convention, shallow string) uint32 {
	h := fnv.New32a()
	h.Write([]byte(magic + "\x00" + strings.Join(c.SummaryBundlePrefixes, "\x00") + "\x00" + shallow))
	return h.Sum32()
}

// Get returns the index for req.Tip: read from the cache when present and
// sound, else built (incrementally on top of a cached ancestor tip when
// there is one) and written back. A cache that cannot be written is not an
// error: the index is still returned.
func Get(ctx context.Context, req Request) (*Index, error) {
	start := time.Now()
	fp := Fingerprint(req.Convention, req.Shallow)
	if req.CacheDir != "" {
		if x := readIndex(filepath.Join(req.CacheDir, fileName(req.Tip, fp)), req.Tip, fp); x != nil {
			req.Log.Debug("verify index", "index", "hit", "commits", x.Len(), "took", time.Since(start))
			return x, nil
		}
	}
	var base *Index
	if req.CacheDir != "" {
		base = findBase(ctx, req, fp)
	}
	x, err := walkAndBuild(ctx, req, base, fp)
	if err != nil {
		return nil, err
	}
	how := "built"
	if base != nil {
		how = "extended"
	}
	if req.CacheDir == "" {
		how = "walked (no cache)"
	}
	req.Log.Debug("verify index", "index", how, "commits", x.Len(), "took", time.Since(start))
	if req.CacheDir != "" {
		if err := write(req.CacheDir, fileName(req.Tip, fp), x.Bytes()); err != nil {
			req.Log.Debug("verify index not cached", "error", err)
		}
	}
	return x, nil
}

var revertRE = lazy.Value[*regexp.Regexp]{New: func() *regexp.Regexp { return regexp.MustCompile(`This reverts commit ([0-9a-f]{40})`) }}

// walkAndBuild streams the walk into a builder: git produces while this
// process parses and tokenizes, so the two use both cores.
func walkAndBuild(ctx context.Context, req Request, base *Index, fp uint32) (*Index, error) {
	var exclude []string
	if base != nil {
		exclude = []string{hexOf(base.Tip)}
	}
	const batch = 512
	ch := make(chan []gitlog.LogCommit, 8)
	b := NewBuilder(1024)
	done := make(chan struct{})
	go func() {
		defer close(done)
		for cs := range ch {
			for _, c := range cs {
				e := FromMessage(c.Hash, c.Time, c.Message, req.Convention)
				e.Tree, e.Parent = c.Tree, c.Parent
				b.Add(e)
			}
		}
	}()
	pending := make([]gitlog.LogCommit, 0, batch)
	err := gitlog.Walk(ctx, req.RepoDir, hexOf(req.Tip), exclude, func(c gitlog.LogCommit) error {
		pending = append(pending, c)
		if len(pending) == batch {
			ch <- pending
			pending = make([]gitlog.LogCommit, 0, batch)
		}
		return nil
	})
	if len(pending) > 0 {
		ch <- pending
	}
	close(ch)
	<-done
	if err != nil {
		return nil, fmt.Errorf("verify index: %w", err)
	}
	if base != nil {
		return Extend(base, b, req.Tip, fp), nil
	}
	return b.Build(req.Tip, fp), nil
}

// FromMessage turns a raw commit message into an index entry: git's
// subject, the body when the grammar may read it, and revert edges.
func FromMessage(h [20]byte, t int64, msg string, c stamp.Convention) Commit {
	first, rest, _ := strings.Cut(msg, "\n")
	out := Commit{Hash: h, Time: t, Subject: stamp.SubjectOf(msg)}
	if stamp.BodyMatters(first, c) {
		out.Body = rest
	}
	if strings.Contains(rest, "This reverts commit ") {
		for _, m := range revertRE.Get().FindAllStringSubmatch(rest, -1) {
			var r [20]byte
			if _, err := hex.Decode(r[:], []byte(m[1])); err == nil && !slices.Contains(out.Reverts, r) {
				out.Reverts = append(out.Reverts, r)
			}
		}
	}
	return out
}

func fileName(tip [20]byte, fp uint32) string {
	return fmt.Sprintf("%s-%08x.idx", hexOf(tip), fp)
}

func readIndex(path string, tip [20]byte, fp uint32) *Index {
	b, st, err := mapFile(path)
	if err != nil {
		return nil
	}
	checked := isChecked(path, st)
	x, err := decode(b, !checked)
	if err != nil || x.Tip != tip || x.Fingerprint != fp {
		return nil
	}
	if !checked {
		markChecked(path, st)
	}
	return x
}

// fileStamp is what a sidecar vouches for: an index file's size and
// modification time.
type fileStamp struct {
	size int64
	mod  time.Time
}

func stampOf(st os.FileInfo) fileStamp { return fileStamp{size: st.Size(), mod: st.ModTime()} }

// An index file is checksummed in full once; a sidecar <file>.ok then
// records the size and modification time it had, and later reads of the
// same, unchanged file skip the checksum (reading and summing every page
// of a 15 MB index was most of a warm verify's cost). The file is only
// ever replaced by a rename, which a new sidecar must vouch for again;
// any write to it changes its time, so the sidecar no longer matches and
// the next read checks in full. The accessors stay bounds-safe either way.
func isChecked(path string, st fileStamp) bool {
	b, err := safefile.ReadFile(path+checkedSuffix, maxSidecar)
	return err == nil && string(b) == st.identity()
}

// maxSidecar bounds the sidecar read: two decimal integers and a space.
const maxSidecar = 64

// markChecked writes the sidecar for a file that passed its checksum. A
// file changed less than a second ago is not vouched for yet: file times
// are coarse (a few milliseconds), so a write right after this one could
// keep the same time; once a second has passed, any write moves it. A
// failure only costs a re-check.
func markChecked(path string, st fileStamp) {
	if time.Since(st.mod) < time.Second {
		return
	}
	tmp := path + checkedSuffix + ".tmp"
	if os.WriteFile(tmp, []byte(st.identity()), 0o644) == nil {
		_ = os.Rename(tmp, path+checkedSuffix)
	}
}

const checkedSuffix = ".ok"

// identity is the sidecar's text: "<size> <modification time in ns>".
func (s fileStamp) identity() string {
	b := strconv.AppendInt(make([]byte, 0, 40), s.size, 10)
	b = append(b, ' ')
	return string(strconv.AppendInt(b, s.mod.UnixNano(), 10))
}

// findBase returns a cached index whose tip is an ancestor of req.Tip, the
// most recently written first.
func findBase(ctx context.Context, req Request, fp uint32) *Index {
	suffix := fmt.Sprintf("-%08x.idx", fp)
	for _, e := range cached(req.CacheDir) {
		if !strings.HasSuffix(e.name, suffix) {
			continue
		}
		var tip [20]byte
		if _, err := hex.Decode(tip[:], []byte(strings.TrimSuffix(e.name, suffix))); err != nil {
			continue
		}
		ok, err := gitlog.IsAncestor(ctx, req.RepoDir, hexOf(tip), hexOf(req.Tip))
		if err != nil || !ok {
			continue
		}
		if x := readIndex(filepath.Join(req.CacheDir, e.name), tip, fp); x != nil {
			return x
		}
	}
	return nil
}

type entry struct {
	name string
	mod  time.Time
}

// cached lists the index files, newest first.
func cached(dir string) []entry {
	des, err := os.ReadDir(dir)
	if err != nil {
		return nil
	}
	var out []entry
	for _, d := range des {
		if !strings.HasSuffix(d.Name(), ".idx") {
			continue
		}
		info, err := d.Info()
		if err != nil {
			continue
		}
		out = append(out, entry{d.Name(), info.ModTime()})
	}
	slices.SortFunc(out, func(a, b entry) int { return b.mod.Compare(a.mod) })
	return out
}

// write stores b atomically and prunes old files.
func write(dir, name string, b []byte) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("verify index: %w", err)
	}
	tmp, err := os.CreateTemp(dir, ".tmp-*")
	if err != nil {
		return fmt.Errorf("verify index: %w", err)
	}
	_, werr := tmp.Write(b)
	_ = tmp.Chmod(0o644)
	cerr := tmp.Close()
	if err := errors.Join(werr, cerr); err != nil {
		os.Remove(tmp.Name())
		return fmt.Errorf("verify index: %w", err)
	}
	if err := os.Rename(tmp.Name(), filepath.Join(dir, name)); err != nil {
		os.Remove(tmp.Name())
		return fmt.Errorf("verify index: %w", err)
	}
	now := time.Now()
	_ = os.Chtimes(filepath.Join(dir, name), now, now)
	for i, e := range cached(dir) {
		if i >= keep {
			_ = os.Remove(filepath.Join(dir, e.name))
			_ = os.Remove(filepath.Join(dir, e.name+checkedSuffix))
		}
	}
	// Leftover temporaries of a builder that died are removed after a while.
	if des, err := os.ReadDir(dir); err == nil {
		for _, d := range des {
			if info, err := d.Info(); err == nil && strings.HasPrefix(d.Name(), ".tmp-") &&
				now.Sub(info.ModTime()) > time.Hour {
				_ = os.Remove(filepath.Join(dir, d.Name()))
			}
		}
	}
	return nil
}

// CacheStats reports how many indexes (tips) the cache in dir holds and
// their total size in bytes.
func CacheStats(dir string) (tips int, size int64) {
	for _, e := range cached(dir) {
		if info, err := os.Stat(filepath.Join(dir, e.name)); err == nil {
			tips++
			size += info.Size()
		}
	}
	return tips, size
}
