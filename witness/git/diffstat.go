package git

import (
	"bytes"
	"fmt"
	"io"
	"slices"
	"sort"

	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/filemode"
)

// DiffStat is what one commit changed, in the terms of git's --numstat
// without rename detection.
type DiffStat struct {
	// Paths are the touched paths, sorted, each once. A rename is its old
	// and its new path; a binary file is listed like any other.
	Paths []string
	// TestLineDelta is lines added minus lines deleted, summed over the
	// text files among Paths that the caller's isTest accepted. Binary
	// files and submodules add nothing.
	TestLineDelta int
}

// binarySniff is how many leading bytes are searched for a NUL, as git
// does, to call a blob binary.
const binarySniff = 8000

// DiffStat diffs commit c against its first parent (the empty tree for a
// root commit or a shallow boundary), with no rename detection. Line counts
// are read only for paths isTest accepts; isTest may be nil.
func (r *Repo) DiffStat(c *Commit, isTest func(path string) bool) (DiffStat, error) {
	var parentTree Hash
	if ps := r.parents(c); len(ps) > 0 {
		p, err := r.Commit(ps[0])
		if err != nil {
			return DiffStat{}, err
		}
		parentTree = p.TreeHash
	}
	var changes []change
	if err := r.diffTrees(parentTree, c.TreeHash, "", &changes); err != nil {
		return DiffStat{}, fmt.Errorf("diff %s: %w", c.Hash, err)
	}
	var st DiffStat
	for _, ch := range changes {
		st.Paths = append(st.Paths, ch.Path)
		if isTest == nil || !isTest(ch.Path) {
			continue
		}
		d, err := r.lineDelta(ch.From, ch.To)
		if err != nil {
			return DiffStat{}, fmt.Errorf("diff %s: %s: %w", c.Hash, ch.Path, err)
		}
		st.TestLineDelta += d
	}
	sort.Strings(st.Paths)
	st.Paths = slices.Compact(st.Paths)
	return st, nil
}

// lineDelta is lines(to) - lines(from), which equals added minus deleted
// for any line diff; 0 when either side is binary. A missing side (an
// added or deleted file) has no lines.
func (r *Repo) lineDelta(from, to TreeEntry) (int, error) {
	a, binA, err := r.blobLines(from)
	if err != nil {
		return 0, err
	}
	b, binB, err := r.blobLines(to)
	if err != nil {
		return 0, err
	}
	if binA || binB {
		return 0, nil
	}
	return b - a, nil
}

// blobLines counts the lines of a tree entry's blob as git does (a last
// line without a newline counts) and reports whether it looks binary.
// Entries that are not blobs (absent, submodules) count as binary-free and
// empty.
func (r *Repo) blobLines(e TreeEntry) (lines int, binary bool, err error) {
	if e.Hash == plumbing.ZeroHash || e.Mode == filemode.Submodule || e.Mode == filemode.Dir {
		return 0, false, nil
	}
	t, rd, err := r.objs.open(e.Hash)
	if err != nil {
		return 0, false, fmt.Errorf("read blob %s: %w", e.Hash, err)
	}
	defer rd.Close()
	if t != plumbing.BlobObject {
		return 0, false, fmt.Errorf("read blob %s: a %s", e.Hash, t)
	}
	buf := make([]byte, 32<<10)
	read := 0
	var last byte
	for {
		n, rerr := rd.Read(buf)
		chunk := buf[:n]
		if read < binarySniff && bytes.IndexByte(chunk[:min(n, binarySniff-read)], 0) >= 0 {
			return 0, true, nil
		}
		lines += bytes.Count(chunk, []byte{'\n'})
		if n > 0 {
			last = chunk[n-1]
		}
		read += n
		if rerr == io.EOF {
			break
		}
		if rerr != nil {
			return 0, false, fmt.Errorf("read blob %s: %w", e.Hash, rerr)
		}
	}
	if read > 0 && last != '\n' {
		lines++
	}
	return lines, false, nil
}
