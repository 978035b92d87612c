package oracle

import "github.com/dispatchos/dos/kernel/tree"

// The rules a named commit can fail, in the order they are checked.
const (
	// CommitUnreachable: the sha names no commit in the verified history
	// (a typo, or a commit reset or rebased away).
	CommitUnreachable = "unreachable"
	// CommitReverted: a later commit in the history reverts it (and that
	// revert is not itself reverted).
	CommitReverted = "reverted"
	// CommitUnknownDiff: its changed paths could not be read.
	CommitUnknownDiff = "unknown-diff"
	// CommitEmpty: it changes nothing (or only [verify] ignore_paths).
	CommitEmpty = "empty"
	// CommitOutOfRegion: it changes nothing inside the step's region.
	CommitOutOfRegion = "out-of-region"
)

// CommitCheck is verify's answer about one commit a run named for a step.
type CommitCheck struct {
	// SHA is the sha as named.
	SHA string
	// InHistory reports that it resolves to a commit reachable from the
	// verified ref.
	InHistory bool
	// Stands is true when the commit is evidence that the step landed.
	Stands bool
	// Rule names the rule that refused it ("" when it stands).
	Rule string
	// Abbrev is the commit's short hash when InHistory.
	Abbrev string
}

// CheckCommit decides whether the commit sha is evidence for a step whose
// region is the globs in region (none: any path). It stands when it is in
// the history, not reverted, changes at least one path outside
// p.IgnorePaths, and, with a region, changes a path that overlaps it (the
// lane-tree prefix algebra). Unlike a stamp, an empty commit never
// stands, even with p.AllowEmpty: a step is work, not a note.
func CheckCommit(sha string, region []string, h History, p Policy) CommitCheck {
	c := CommitCheck{SHA: sha}
	if sha == "" || h == nil {
		c.Rule = CommitUnreachable
		return c
	}
	ref, ok := h.Resolve(sha)
	if !ok {
		c.Rule = CommitUnreachable
		return c
	}
	c.InHistory, c.Abbrev = true, h.Abbrev(ref)
	if newRefutation(h).refuted(ref) {
		c.Rule = CommitReverted
		return c
	}
	files, err := h.Footprint(ref)
	if err != nil {
		c.Rule = CommitUnknownDiff
		return c
	}
	var real []string
	for _, f := range files {
		if !ignored(f, p.IgnorePaths) {
			real = append(real, f)
		}
	}
	if len(real) == 0 {
		c.Rule = CommitEmpty
		return c
	}
	if tree.Known(region) {
		hit := false
		for _, f := range real {
			if !tree.Disjoint([]string{f}, region) {
				hit = true
				break
			}
		}
		if !hit {
			c.Rule = CommitOutOfRegion
			return c
		}
	}
	c.Stands = true
	return c
}
