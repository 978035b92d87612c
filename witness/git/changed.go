package git

import (
	"fmt"
	"slices"

	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/object"
)

// RangePaths lists the paths that differ between the trees of two commits
// (what git diff --name-only base head prints; renames list both names).
// Sorted, each path once.
func (r *Repo) RangePaths(base, head plumbing.Hash) ([]string, error) {
	trees := make([]*object.Tree, 2)
	for i, h := range []plumbing.Hash{base, head} {
		c, err := r.Commit(h)
		if err != nil {
			return nil, err
		}
		if trees[i], err = c.Tree(); err != nil {
			return nil, fmt.Errorf("read tree of %s: %w", h, err)
		}
	}
	changes, err := object.DiffTree(trees[0], trees[1])
	if err != nil {
		return nil, fmt.Errorf("diff %s..%s: %w", base, head, err)
	}
	var out []string
	for _, ch := range changes {
		for _, n := range []string{ch.From.Name, ch.To.Name} {
			if n != "" {
				out = append(out, n)
			}
		}
	}
	slices.Sort(out)
	return slices.Compact(out), nil
}
