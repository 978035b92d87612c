package resume

import (
	"slices"

	"github.com/dispatchos/dos/kernel/ledger"
	"github.com/dispatchos/dos/kernel/oracle"
)

// Checker answers verify's question about a commit a run named.
type Checker interface {
	// CheckCommit decides whether sha is evidence for a step with region.
	CheckCommit(sha string, region []string) oracle.CommitCheck
	// InHistory reports whether sha is reachable from the verified ref.
	InHistory(sha string) bool
}

// State is a step's state as trace and status show it.
type State string

// The step states.
const (
	// Verified: done, re-checked against git now.
	Verified State = "VERIFIED"
	// Claimed: the run claims it (or once recorded it verified), but git
	// does not back it now.
	Claimed State = "CLAIMED"
	// Pending: nothing recorded.
	Pending State = "PENDING"
)

// Step is one step after re-adjudication.
type Step struct {
	ID string
	// Declared says the INTENT declared it.
	Declared bool
	// ClaimedSHA is the run's claim; VerifiedSHA and VerifiedVia are the
	// stored STEP_VERIFIED ("" when none).
	ClaimedSHA  string
	VerifiedSHA string
	VerifiedVia string
	HasVerified bool
	// ClaimCheck and VerifiedCheck are git's answers about each sha (nil
	// when that sha was not recorded).
	ClaimCheck    *oracle.CommitCheck
	VerifiedCheck *oracle.CommitCheck
	// Done: a STEP_VERIFIED record with an accepted via, and a recorded
	// commit (verified or claimed) that stands now. DoneSHA is that commit.
	Done    bool
	DoneSHA string
	// Rule says why a recorded step is not done ("" when done or pending).
	Rule  string
	State State
}

// The rules that keep a recorded step from being done, besides the commit
// rules of kernel/oracle.
const (
	// RuleNotVerified: only a claim exists; dos never checked it.
	RuleNotVerified = "not-verified"
	// RuleVia: the STEP_VERIFIED names a via resume does not accept.
	RuleVia = "untrusted-via"
)

// Adjudicate re-checks every step: the declared ones in declared order,
// then undeclared steps that were claimed or verified, in the order first
// recorded.
func Adjudicate(st *ledger.State, c Checker) []Step {
	var ids []string
	declared := map[string]bool{}
	for _, id := range st.DeclaredSteps {
		ids = append(ids, id)
		declared[id] = true
	}
	for _, id := range append(slices.Clone(st.ClaimOrder), st.VerifyOrder...) {
		if !slices.Contains(ids, id) {
			ids = append(ids, id)
		}
	}
	steps := make([]Step, 0, len(ids))
	for _, id := range ids {
		steps = append(steps, adjudicate(st, id, declared[id], c))
	}
	return steps
}

func adjudicate(st *ledger.State, id string, declared bool, c Checker) Step {
	s := Step{ID: id, Declared: declared, State: Pending}
	region := st.StepRegions[id]
	claim, hasClaim := st.Claimed[id]
	v, hasVer := st.Verified[id]
	if hasClaim {
		s.ClaimedSHA = claim
		ck := c.CheckCommit(claim, region)
		s.ClaimCheck = &ck
	}
	if hasVer {
		s.HasVerified, s.VerifiedSHA, s.VerifiedVia = true, v.SHA, v.Via
		ck := c.CheckCommit(v.SHA, region)
		s.VerifiedCheck = &ck
	}
	if !hasClaim && !hasVer {
		return s
	}
	s.State = Claimed
	switch {
	case !hasVer:
		s.Rule = RuleNotVerified
		if s.ClaimCheck != nil && !s.ClaimCheck.Stands {
			s.Rule = s.ClaimCheck.Rule
		}
		return s
	case v.Via != ledger.ViaFilePath && v.Via != ledger.ViaRegistry:
		s.Rule = RuleVia
		return s
	}
	// Either recorded commit may carry the step: a forged or stale
	// STEP_VERIFIED does not hide a later claim that stands.
	switch {
	case s.VerifiedCheck.Stands:
		s.Done, s.DoneSHA = true, v.SHA
	case s.ClaimCheck != nil && s.ClaimCheck.Stands:
		s.Done, s.DoneSHA = true, claim
	default:
		s.Rule = s.VerifiedCheck.Rule
	}
	if s.Done {
		s.State, s.Rule = Verified, ""
	}
	return s
}

// DoneIDs lists the done steps, in order.
func DoneIDs(steps []Step) []string {
	var out []string
	for _, s := range steps {
		if s.Done {
			out = append(out, s.ID)
		}
	}
	return out
}
