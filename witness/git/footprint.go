package git

import (
	"fmt"
	"slices"

	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/filemode"
	"github.com/go-git/go-git/v5/plumbing/object"
)

// ChangedPaths lists the paths commit h changed against its first parent,
// or against the empty tree for a root commit: what `git diff-tree -r
// --no-renames --name-only <parent> <h>` prints. A merge commit is judged
// by what it brought in over its first parent; a rename is a deletion and
// an addition. Only subtrees whose hashes differ are read, so the cost
// follows the size of the change, not of the tree.
func (r *Repo) ChangedPaths(h plumbing.Hash) ([]string, error) {
	c, err := r.Commit(h)
	if err != nil {
		return nil, err
	}
	var from plumbing.Hash
	if c.NumParents() > 0 {
		p, err := r.Commit(c.ParentHashes[0])
		if err != nil {
			return nil, fmt.Errorf("read parent of %s: %w", h, err)
		}
		from = p.TreeHash
	}
	var out []string
	if from == c.TreeHash {
		return out, nil
	}
	if err := r.diffTrees(from, c.TreeHash, "", &out); err != nil {
		return nil, fmt.Errorf("diff %s: %w", h, err)
	}
	return out, nil
}

func (r *Repo) tree(h plumbing.Hash) ([]object.TreeEntry, error) {
	if h.IsZero() {
		return nil, nil
	}
	t, err := r.R.TreeObject(h)
	if err != nil {
		return nil, fmt.Errorf("read tree %s: %w", h, err)
	}
	return t.Entries, nil
}

// diffTrees appends, in path order, every file path that differs between
// trees a and b (either may be zero, the empty tree).
func (r *Repo) diffTrees(a, b plumbing.Hash, prefix string, out *[]string) error {
	ea, err := r.tree(a)
	if err != nil {
		return err
	}
	eb, err := r.tree(b)
	if err != nil {
		return err
	}
	byName := make(map[string]object.TreeEntry, len(ea))
	for _, e := range ea {
		byName[e.Name] = e
	}
	var names []string
	for _, e := range ea {
		names = append(names, e.Name)
	}
	for _, e := range eb {
		if _, ok := byName[e.Name]; !ok {
			names = append(names, e.Name)
		}
	}
	inB := make(map[string]object.TreeEntry, len(eb))
	for _, e := range eb {
		inB[e.Name] = e
	}
	slices.Sort(names)
	for _, n := range names {
		x, hasA := byName[n]
		y, hasB := inB[n]
		if hasA && hasB && x.Hash == y.Hash && x.Mode == y.Mode {
			continue
		}
		var ta, tb plumbing.Hash
		aDir, bDir := hasA && x.Mode == filemode.Dir, hasB && y.Mode == filemode.Dir
		if aDir {
			ta = x.Hash
		}
		if bDir {
			tb = y.Hash
		}
		if aDir || bDir {
			if err := r.diffTrees(ta, tb, prefix+n+"/", out); err != nil {
				return err
			}
		}
		if (hasA && !aDir) || (hasB && !bDir) {
			*out = append(*out, prefix+n)
		}
	}
	return nil
}
