package git

import (
	"errors"
	"fmt"
	"io"
	"slices"

	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/filemode"
	"github.com/go-git/go-git/v5/plumbing/object"
)

// StagedPaths lists the paths whose index entry differs from HEAD (what
// git diff --cached --name-only prints): added, modified, mode-changed and
// deleted paths, and every path with a merge conflict. With no commit yet
// every indexed path is staged. Sorted, each path once.
func (r *Repo) StagedPaths() ([]string, error) {
	idx, err := r.R.Storer.Index()
	if err != nil {
		return nil, fmt.Errorf("read the index: %w", err)
	}
	head := map[string]object.TreeEntry{}
	h, err := r.Resolve("HEAD")
	switch {
	case errors.Is(err, ErrNoCommits):
	case err != nil:
		return nil, err
	default:
		if head, err = r.treeEntries(h); err != nil {
			return nil, err
		}
	}
	seen := map[string]bool{}
	var out []string
	add := func(p string) {
		if !seen[p] {
			seen[p] = true
			out = append(out, p)
		}
	}
	inIndex := map[string]bool{}
	for _, e := range idx.Entries {
		inIndex[e.Name] = true
		he, ok := head[e.Name]
		if e.Stage != 0 || !ok || he.Hash != e.Hash || he.Mode != e.Mode {
			add(e.Name)
		}
	}
	for p := range head {
		if !inIndex[p] {
			add(p)
		}
	}
	slices.Sort(out)
	return out, nil
}

// treeEntries maps every non-directory path of commit h's tree (files,
// symlinks, submodules) to its entry.
func (r *Repo) treeEntries(h plumbing.Hash) (map[string]object.TreeEntry, error) {
	c, err := r.Commit(h)
	if err != nil {
		return nil, err
	}
	t, err := c.Tree()
	if err != nil {
		return nil, fmt.Errorf("read tree of %s: %w", h, err)
	}
	w := object.NewTreeWalker(t, true, nil)
	defer w.Close()
	out := map[string]object.TreeEntry{}
	for {
		name, e, err := w.Next()
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			return nil, fmt.Errorf("walk tree of %s: %w", h, err)
		}
		if e.Mode != filemode.Dir {
			out[name] = e
		}
	}
}
