package runs

import "github.com/dispatchos/dos/call"

// The verdicts of the run verbs, each declared once. UNKNOWN is the code a
// verb answers only if its decider returned something it does not know; it
// is never success.
var (
	// Advancing: commits or lease-layer progress, or too young to judge (exit 0).
	Advancing = call.NewVerdict("ADVANCING", 0)
	// Spinning: alive (a fresh heartbeat) but no progress (exit 3).
	Spinning = call.NewVerdict("SPINNING", 3)
	// Stalled: no fresh heartbeat, or a dead process (exit 4).
	Stalled = call.NewVerdict("STALLED", 4)
	// LivenessUnknown: the ladder answered nothing it knows (exit 5).
	LivenessUnknown = call.NewVerdict("UNKNOWN", 5)

	// Resumable: steps remain and the run can re-enter (exit 0).
	Resumable = call.NewVerdict("RESUMABLE", 0)
	// ResumeComplete: every declared step is verified (exit 0).
	ResumeComplete = call.NewVerdict("COMPLETE", 0)
	// Diverged: the run went off course (exit 3).
	Diverged = call.NewVerdict("DIVERGED", 3)
	// Unresumable: no ledger, no intent, or a ledger too new to read (exit 4).
	Unresumable = call.NewVerdict("UNRESUMABLE", 4)
	// ResumeUnknown (exit 5).
	ResumeUnknown = call.NewVerdict("UNKNOWN", 5)

	// CompleteDone: residual is empty (exit 0).
	CompleteDone = call.NewVerdict("COMPLETE", 0)
	// Incomplete: steps remain (exit 3).
	Incomplete = call.NewVerdict("INCOMPLETE", 3)
	// Indeterminate: no ledger or no intent to measure against (exit 4).
	Indeterminate = call.NewVerdict("INDETERMINATE", 4)
	// Underdeclared: external scope sources show undeclared work (exit 5;
	// reserved, this version has no external scope source).
	Underdeclared = call.NewVerdict("UNDERDECLARED", 5)
	// CompleteUnknown (exit 6).
	CompleteUnknown = call.NewVerdict("UNKNOWN", 6)

	// RewindTo: the transcript can return to the checkpoint (exit 0).
	RewindTo = call.NewVerdict("REWIND", 0)
	// NoRewind: no stop signal fired (exit 0).
	NoRewind = call.NewVerdict("NO_REWIND", 0)
	// Unanchored: a signal fired but no checkpoint matches (exit 3).
	Unanchored = call.NewVerdict("UNANCHORED", 3)
	// RewindUnknown (exit 4).
	RewindUnknown = call.NewVerdict("UNKNOWN", 4)

	// Found: some surface knows the run (exit 0).
	Found = call.NewVerdict("FOUND", 0)
	// NotFound: no surface knows the run (exit 1).
	NotFound = call.NewVerdict("NOT_FOUND", 1)

	// Recorded: the ledger record is on disk (exit 0).
	Recorded = call.NewVerdict("RECORDED", 0)
	// Minted: git backs the step, STEP_VERIFIED is on disk (exit 0).
	Minted = call.NewVerdict("MINTED", 0)
	// Refused: git does not back the step; nothing was written (exit 1).
	Refused = call.NewVerdict("REFUSED", 1)
)
