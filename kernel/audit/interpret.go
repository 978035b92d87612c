package audit

import "fmt"

// Interpretation is the one-line gloss of a finding for an agent. Its
// leading token is the contract: CLAIM UNWITNESSED, WITNESSED or NO
// CHECKABLE CLAIM.
func (f Finding) Interpretation() string {
	switch f.Verdict {
	case Unwitnessed:
		return fmt.Sprintf("CLAIM UNWITNESSED — the subject of %s claims a change its diff does not show (%s): fix the change or the message before reporting done.", f.SHA, f.Reason)
	case OK:
		return fmt.Sprintf("WITNESSED — the diff of %s does the kind of thing its subject claims (rung: %s); this is not a correctness check.", f.SHA, f.Witness)
	}
	return fmt.Sprintf("NO CHECKABLE CLAIM — the subject of %s claims nothing a diff could witness; nothing was checked.", f.SHA)
}

// Interpretation is the gloss of a range: the leading token of its worst
// finding, with the counts.
func (s Summary) Interpretation() string {
	switch {
	case s.Unwitnessed > 0:
		return fmt.Sprintf("CLAIM UNWITNESSED — %d of %d checkable commit(s) claim a change their diff does not show: fix the changes or the messages before reporting done.", s.Unwitnessed, s.Checkable)
	case s.Witnessed > 0:
		return fmt.Sprintf("WITNESSED — all %d checkable commit(s) do the kind of thing their subjects claim; this is not a correctness check.", s.Checkable)
	}
	return fmt.Sprintf("NO CHECKABLE CLAIM — none of the %d commit(s) claims anything a diff could witness; nothing was checked.", s.Commits)
}
