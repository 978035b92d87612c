package loop

import (
	"github.com/dispatchos/dos/call"
	"github.com/dispatchos/dos/kernel/supervise"
)

// The verdicts of the loop verbs, each declared once.
var (
	// Productive: the run still lands work per step, or is too young to
	// judge (exit 0).
	Productive = call.NewVerdict("PRODUCTIVE", 0)
	// Diminishing: the last two steps both landed less than the floor (exit 3).
	Diminishing = call.NewVerdict("DIMINISHING", 3)
	// Stalled: the last step landed nothing (exit 4).
	Stalled = call.NewVerdict("STALLED", 4)

	// Efficient: the spend bought its work, or too little was spent to
	// judge (exit 0).
	Efficient = call.NewVerdict("EFFICIENT", 0)
	// Costly: work landed at a ratio under the floor (exit 3).
	Costly = call.NewVerdict("COSTLY", 3)
	// Wasteful: meaningful spend bought no work (exit 4).
	Wasteful = call.NewVerdict("WASTEFUL", 4)

	// Improving: work per token rose across the last two runs (exit 0).
	Improving = call.NewVerdict("IMPROVING", 0)
	// Steady: within the band, or too few runs (exit 0).
	Steady = call.NewVerdict("STEADY", 0)
	// Degrading: work per token fell across the last two runs (exit 3).
	Degrading = call.NewVerdict("DEGRADING", 3)

	// Closed: the breaker lets work continue (exit 0).
	Closed = call.NewVerdict("CLOSED", 0)
	// Open: the breaker tripped; stop (exit 3).
	Open = call.NewVerdict("OPEN", 3)

	// Keep: keep the candidate (exit 0).
	Keep = call.NewVerdict("KEEP", 0)
	// Revert: undo the candidate (exit 3).
	Revert = call.NewVerdict("REVERT", 3)
	// Escalate: undo it and hand the loop to a human (exit 4).
	Escalate = call.NewVerdict("ESCALATE", 4)

	// Accept: bank the trajectory as a positive (exit 0).
	Accept = call.NewVerdict("ACCEPT", 0)
	// RejectPoison: an independent witness refuted the claim (exit 3).
	RejectPoison = call.NewVerdict("REJECT_POISON", 3)
	// Abstain: no independent witness; bank nothing (exit 4).
	Abstain = call.NewVerdict("ABSTAIN", 4)
	// NoClaim: nothing was claimed (exit 5).
	NoClaim = call.NewVerdict("NO_CLAIM", 5)

	// Shipped: the oracle verified at least one unit (exit 0).
	Shipped = call.NewVerdict("SHIPPED", 0)
	// Caught: a false claim was refuted (exit 3).
	Caught = call.NewVerdict("CAUGHT", 3)
	// Advanced: commits landed, no unit closed (exit 0).
	Advanced = call.NewVerdict("ADVANCED", 0)
	// Groomed: bookkeeping only (exit 0).
	Groomed = call.NewVerdict("GROOMED", 0)
	// Surfaced: only decisions raised for an operator (exit 0).
	Surfaced = call.NewVerdict("SURFACED", 0)
	// Idle: nothing witnessed (exit 4).
	Idle = call.NewVerdict("IDLE", 4)

	// Live: the no-op budget remains (exit 0).
	Live = call.NewVerdict("LIVE", 0)
	// Exhausted: the no-op budget is spent (exit 3).
	Exhausted = call.NewVerdict("EXHAUSTED", 3)

	// AtTarget, Filling, TargetUnreachable and OverTarget are loop's plan
	// outcomes (exit 0 whatever the plan), spelt as the kernel's Outcome
	// names them (TestPlanVerdictsNameTheOutcomes checks).
	AtTarget          = call.NewVerdict("AT_TARGET", 0)
	Filling           = call.NewVerdict("FILLING", 0)
	TargetUnreachable = call.NewVerdict("TARGET_UNREACHABLE", 0)
	OverTarget        = call.NewVerdict("OVER_TARGET", 0)
)

// planVerdict is the verdict of a plan's outcome.
func planVerdict(o supervise.Outcome) call.Verdict {
	switch o {
	case supervise.Filling:
		return Filling
	case supervise.TargetUnreachable:
		return TargetUnreachable
	case supervise.OverTarget:
		return OverTarget
	}
	return AtTarget
}
