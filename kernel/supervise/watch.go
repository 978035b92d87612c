package supervise

import (
	"fmt"

	"github.com/dispatchos/dos/kernel/liveness"
)

// Action is what the watchdog does about one run in one tick.
type Action int

// The watchdog's actions.
const (
	// Tally: the run advances; count it and forget any earlier proposal.
	Tally Action = iota + 1
	// ProposeHaltNow: record a HALT proposal for the run.
	ProposeHaltNow
	// AlreadyProposed: a halt is warranted but was proposed less than the
	// re-propose window ago.
	AlreadyProposed
	// WithinBudget: the run is stalled, but younger than its budget.
	WithinBudget
)

// String names the action.
func (a Action) String() string {
	switch a {
	case Tally:
		return "tally"
	case ProposeHaltNow:
		return "propose-halt"
	case AlreadyProposed:
		return "already-proposed"
	case WithinBudget:
		return "within-budget"
	}
	return fmt.Sprintf("Action(%d)", int(a))
}

// Watched is one run as the watchdog sees it in a tick.
type Watched struct {
	Verdict liveness.Verdict
	// AgeMS is now minus the run's start.
	AgeMS int64
	// BudgetMS is how old a stalled run must be before a halt is proposed;
	// 0 proposes at once.
	BudgetMS int64
	// SinceProposedMS is how long ago a halt was last proposed for the run;
	// nil when never (or forgotten).
	SinceProposedMS *int64
}

// WatchPolicy holds the watchdog's windows.
type WatchPolicy struct {
	// ReproposeMS is how long a proposal stands before it is made again.
	ReproposeMS int64
}

// DefaultReproposeMS is 30 minutes.
const DefaultReproposeMS int64 = 1_800_000

// Watch decides the action for one run: an advancing run is tallied; a
// spinning run, or a stalled one at least BudgetMS old, warrants a halt,
// which is proposed unless one was proposed less than ReproposeMS ago; a
// younger stalled run waits.
func Watch(w Watched, p WatchPolicy) Action {
	switch w.Verdict {
	case liveness.Advancing:
		return Tally
	case liveness.Stalled:
		if w.AgeMS < w.BudgetMS {
			return WithinBudget
		}
	case liveness.Spinning:
	default:
		return Tally
	}
	if w.SinceProposedMS != nil && *w.SinceProposedMS < p.ReproposeMS {
		return AlreadyProposed
	}
	return ProposeHaltNow
}

// HaltReason is the reason recorded on the watchdog's HALT for a verdict.
func HaltReason(v liveness.Verdict) string {
	if v == liveness.Spinning {
		return "watchdog: SPINNING (no forward delta)"
	}
	return "watchdog: STALLED (hung past budget)"
}
