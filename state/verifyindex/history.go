package verifyindex

import (
	"slices"
	"strings"

	"github.com/dispatchos/dos/kernel/oracle"
	"github.com/dispatchos/dos/kernel/stamp"
	"github.com/dispatchos/dos/witness/gitlog"
)

// History serves the verify oracle from an index. It asks git only for
// the footprint of a candidate that is not cached yet.
type History struct {
	X          *Index
	Footprints *Footprints
	// Git lists the paths of a commit whose footprint is not cached.
	Git gitlog.Footprinter
}

var _ oracle.History = (*History)(nil)

// Candidates returns the commits that hold every token of at least one of
// m's key groups (every commit when the query cannot be narrowed), in walk
// order. The matcher re-checks each one, so this only has to be a superset.
func (h *History) Candidates(m *stamp.Matcher) ([]oracle.Candidate, error) {
	groups, ok := m.KeyGroups()
	var refs []uint32
	if !ok {
		refs = make([]uint32, h.X.Len())
		for i := range refs {
			refs[i] = uint32(i)
		}
	} else {
		for _, g := range narrowest(groups) {
			refs = append(refs, h.X.Intersect(g)...)
		}
		slices.Sort(refs)
		refs = slices.Compact(refs)
	}
	out := make([]oracle.Candidate, 0, len(refs))
	for _, r := range refs {
		s, b := h.X.Text(int(r))
		out = append(out, oracle.Candidate{Ref: int(r), Time: h.X.Time(int(r)), Subject: s, Body: b})
	}
	return out, nil
}

// narrowest drops every group that holds all the tokens of another group:
// its commits are among the other's, so the union is the same, and its
// extra tokens (often the plan name alone, which every commit of the plan
// holds) would cost a lookup and a walk through a long posting list.
// Groups the same as an earlier one are dropped too.
func narrowest(groups [][]string) [][]string {
	out := make([][]string, 0, len(groups))
	for i, g := range groups {
		covered := false
		for j, o := range groups {
			if j != i && holdsAll(g, o) && (len(o) < len(g) || j < i) {
				covered = true
				break
			}
		}
		if !covered {
			out = append(out, g)
		}
	}
	return out
}

// holdsAll reports whether every token of sub is in g.
func holdsAll(g, sub []string) bool {
	for _, t := range sub {
		if !slices.Contains(g, t) {
			return false
		}
	}
	return true
}

// Resolve finds a reachable commit by full or abbreviated hash (at least 4
// hex digits, unambiguous).
func (h *History) Resolve(sha string) (int, bool) {
	sha = strings.ToLower(sha)
	if len(sha) < 4 || len(sha) > 40 || strings.Trim(sha, hexDigits) != "" {
		return 0, false
	}
	m := h.X.FindPrefix(sha)
	if len(m) != 1 {
		return 0, false
	}
	return m[0], true
}

// Abbrev is the shortest prefix, at least 7 digits, that no other commit
// in the history shares.
func (h *History) Abbrev(ref int) string { return h.X.Abbrev(ref) }

// Reverters returns the reachable commits that revert ref, newest first.
func (h *History) Reverters(ref int) []int { return h.X.Reverters(h.X.Hash(ref)) }

// Footprint lists the paths ref changed against its first parent. An
// empty commit is recognised from the tree ids git reported (its tree is
// its parent's), never from the footprint cache; a cached footprint is
// used only when it was recorded for the same two trees.
func (h *History) Footprint(ref int) ([]string, error) {
	hash := h.X.Hash(ref)
	tree, parent, known := h.X.Trees(ref)
	if known && tree == parent {
		return []string{}, nil
	}
	if known && h.Footprints != nil {
		if p, ok := h.Footprints.Get(hash, tree, parent); ok {
			return p, nil
		}
	}
	return h.footprintFromGit(hash, tree, parent, known)
}

// footprintFromGit asks git for the paths and caches them when the trees
// are known. It is out of line to keep Footprint's stack frame small: the
// cache lookup above runs at the bottom of a warm verify's deepest stack.
//
//go:noinline
func (h *History) footprintFromGit(hash, tree, parent [20]byte, known bool) ([]string, error) {
	paths, err := h.Git.ChangedPaths(hash)
	if err != nil {
		return nil, err
	}
	if known && h.Footprints != nil {
		h.Footprints.Put(hash, tree, parent, paths)
	}
	return paths, nil
}
