package tree

import (
	"slices"
	"strings"
)

// Collide reports whether two normalized prefixes may name a common path:
// one starts with the other. The empty prefix collides with everything.
func Collide(a, b string) bool {
	return strings.HasPrefix(a, b) || strings.HasPrefix(b, a)
}

// Prefixes normalizes a tree. Entries that are empty before normalization
// carry no information and are dropped; a whitespace-only entry becomes ""
// (the whole repository).
func Prefixes(tree []string) []string {
	out := make([]string, 0, len(tree))
	for _, e := range tree {
		if e == "" {
			continue
		}
		out = append(out, Prefix(e))
	}
	return out
}

// Known reports whether a tree names a region at all: it has an entry that
// is not the empty string. An unknown tree is an unknown blast radius.
func Known(tree []string) bool {
	return slices.ContainsFunc(tree, func(e string) bool { return e != "" })
}

// Disjoint reports whether no entry of a can collide with an entry of b.
// An unknown tree (see [Known]) is never disjoint from anything.
func Disjoint(a, b []string) bool {
	if !Known(a) || !Known(b) {
		return false
	}
	s := NewSet(b)
	for _, p := range Prefixes(a) {
		if s.Collides(p) {
			return false
		}
	}
	return true
}

// Set is a normalized tree prepared for fast collision queries. The zero
// Set is empty and collides with nothing.
type Set struct {
	// min is sorted and prefix-free: no element starts with another.
	min []string
}

// NewSet normalizes tree (as [Prefixes] does) into a Set.
func NewSet(tree []string) Set {
	ps := Prefixes(tree)
	slices.Sort(ps)
	ps = slices.Compact(ps)
	min := ps[:0]
	for _, p := range ps {
		// sorted order puts a prefix before every string that extends it,
		// and the extensions of the last kept element follow it directly.
		if len(min) > 0 && strings.HasPrefix(p, min[len(min)-1]) {
			continue
		}
		min = append(min, p)
	}
	return Set{min: min}
}

// Len is the number of prefixes left after dropping those another covers.
func (s Set) Len() int { return len(s.min) }

// Collides reports whether the normalized prefix p collides with any
// element of s. Only p's neighbours in sorted order can: an element that
// extends p sorts at or right after p, and an element p extends is the
// last one at or before p (anything between would extend it too, which a
// prefix-free set rules out).
func (s Set) Collides(p string) bool {
	i, found := slices.BinarySearch(s.min, p)
	if found {
		return true
	}
	if i < len(s.min) && strings.HasPrefix(s.min[i], p) {
		return true
	}
	return i > 0 && strings.HasPrefix(p, s.min[i-1])
}

// CollidesEntry normalizes entry and reports whether it collides with s.
func (s Set) CollidesEntry(entry string) bool { return s.Collides(Prefix(entry)) }

// Covers reports whether the normalized path p lies under an element of s:
// some element is a prefix of p. This is containment, one-directional,
// unlike [Set.Collides]; the scope gate asks it of touched files.
func (s Set) Covers(p string) bool {
	i, found := slices.BinarySearch(s.min, p)
	return found || (i > 0 && strings.HasPrefix(p, s.min[i-1]))
}

// CoversPath normalizes a touched path and reports whether s covers it. A
// path that leaves the repository is never covered.
func (s Set) CoversPath(path string) bool {
	p, ok := Normalize(path)
	return ok && s.Covers(p)
}
