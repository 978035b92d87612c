package oracle

// Reverts form chains: a revert can itself be reverted (git's "Reapply"),
// which brings the work back, and that one reverted again, and so on. Each
// link is a commit in the verified history whose message says "This
// reverts commit <sha>" about the previous one. A commit is refuted when at
// least one of its reverters still stands, that is, is not refuted itself:
//
//	refuted(c) = some r in Reverters(c) with not refuted(r)
//
// Along a single chain this is parity: a stamp with an odd number of
// reverts after it is refuted, with an even number it stands. Where the
// chain branches (the same commit reverted twice, on two branches later
// merged) one standing revert is enough to refute. Only reachable commits
// are links, so a revert of the revert that sits on an unmerged branch
// changes nothing until it is merged.

// refutation evaluates the rule over one History, remembering each
// commit's answer; a link that loops back (only a forged index could hold
// one) is treated as not refuting.
type refutation struct {
	h     History
	known map[int]bool
	open  map[int]bool
}

func newRefutation(h History) *refutation {
	return &refutation{h: h, known: map[int]bool{}, open: map[int]bool{}}
}

// refuted reports whether ref is undone by a revert that still stands.
func (r *refutation) refuted(ref int) bool {
	if v, ok := r.known[ref]; ok {
		return v
	}
	if r.open[ref] {
		return false
	}
	r.open[ref] = true
	v := false
	for _, by := range r.h.Reverters(ref) {
		if by != ref && !r.refuted(by) {
			v = true
			break
		}
	}
	delete(r.open, ref)
	r.known[ref] = v
	return v
}
