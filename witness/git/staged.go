package git

import (
	"errors"
	"fmt"
	"slices"

	"github.com/go-git/go-git/v5/plumbing/filemode"

	"github.com/dispatchos/dos/witness/gitref"
)

// StagedPaths lists the paths whose index entry differs from HEAD (what
// git diff --cached --name-only prints): added, modified, mode-changed and
// deleted paths, and every path with a merge conflict. With no commit yet
// every indexed path is staged. Sorted, each path once.
func (r *Repo) StagedPaths() ([]string, error) {
	idx, err := r.index()
	if err != nil {
		return nil, fmt.Errorf("read the index: %w", err)
	}
	head := map[string]TreeEntry{}
	h, err := r.Resolve("HEAD")
	switch {
	case errors.Is(err, gitref.ErrNoCommits):
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
func (r *Repo) treeEntries(h Hash) (map[string]TreeEntry, error) {
	c, err := r.Commit(h)
	if err != nil {
		return nil, err
	}
	out := map[string]TreeEntry{}
	if err := r.walkTree(c.TreeHash, "", out); err != nil {
		return nil, fmt.Errorf("walk tree of %s: %w", h, err)
	}
	return out, nil
}

func (r *Repo) walkTree(t Hash, prefix string, out map[string]TreeEntry) error {
	entries, err := r.tree(t)
	if err != nil {
		return err
	}
	for _, e := range entries {
		if e.Mode == filemode.Dir {
			if err := r.walkTree(e.Hash, prefix+e.Name+"/", out); err != nil {
				return err
			}
			continue
		}
		out[prefix+e.Name] = e
	}
	return nil
}
