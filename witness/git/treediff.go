package git

import (
	"slices"

	"github.com/go-git/go-git/v5/plumbing/filemode"
)

// change is one file path that differs between two trees; From and To
// are its entries on either side, the zero entry where it is absent. A
// rename is a deletion and an addition; a path that is a file on one side
// and a directory on the other is the file's change plus the directory's
// files.
type change struct {
	Path     string
	From, To TreeEntry
}

// diffTrees appends, in path order, every non-directory path that differs
// between trees a and b (either may be zero, the empty tree). Only
// subtrees whose hashes differ are read, so the cost follows the size of
// the change, not of the tree.
func (r *Repo) diffTrees(a, b Hash, prefix string, out *[]change) error {
	if a == b {
		return nil
	}
	ea, err := r.tree(a)
	if err != nil {
		return err
	}
	eb, err := r.tree(b)
	if err != nil {
		return err
	}
	inA := make(map[string]TreeEntry, len(ea))
	names := make([]string, 0, len(ea)+len(eb))
	for _, e := range ea {
		inA[e.Name] = e
		names = append(names, e.Name)
	}
	inB := make(map[string]TreeEntry, len(eb))
	for _, e := range eb {
		inB[e.Name] = e
		if _, ok := inA[e.Name]; !ok {
			names = append(names, e.Name)
		}
	}
	slices.Sort(names)
	for _, n := range names {
		x, hasA := inA[n]
		y, hasB := inB[n]
		if hasA && hasB && x.Hash == y.Hash && x.Mode == y.Mode {
			continue
		}
		aDir, bDir := hasA && x.Mode == filemode.Dir, hasB && y.Mode == filemode.Dir
		if aDir || bDir {
			var ta, tb Hash
			if aDir {
				ta = x.Hash
			}
			if bDir {
				tb = y.Hash
			}
			if err := r.diffTrees(ta, tb, prefix+n+"/", out); err != nil {
				return err
			}
		}
		var from, to TreeEntry
		if hasA && !aDir {
			from = x
		}
		if hasB && !bDir {
			to = y
		}
		if from.Name != "" || to.Name != "" {
			*out = append(*out, change{Path: prefix + n, From: from, To: to})
		}
	}
	return nil
}
