package git

import (
	"fmt"
	"slices"
)

// RangePaths lists the paths that differ between the trees of two commits
// (what git diff --name-only --no-renames base head prints). Sorted, each
// path once.
func (r *Repo) RangePaths(base, head Hash) ([]string, error) {
	var trees [2]Hash
	for i, h := range []Hash{base, head} {
		c, err := r.Commit(h)
		if err != nil {
			return nil, err
		}
		trees[i] = c.TreeHash
	}
	var changes []change
	if err := r.diffTrees(trees[0], trees[1], "", &changes); err != nil {
		return nil, fmt.Errorf("diff %s..%s: %w", base, head, err)
	}
	var out []string
	for _, ch := range changes {
		out = append(out, ch.Path)
	}
	slices.Sort(out)
	return slices.Compact(out), nil
}
