// Package resume re-adjudicates a run's steps against git and decides what
// becomes of a stopped run: resume it (RESUMABLE), nothing left to do
// (COMPLETE), it went off course (DIVERGED), or it cannot be resumed
// (UNRESUMABLE); the forward framing of the same answer (complete:
// residual = declared − verified); and whether its transcript can be
// rewound to a kernel-stamped checkpoint.
//
// It is pure: the ledger comes in replayed (kernel/ledger), and git comes
// in through a [Checker] that answers verify's question about each commit
// the run named (truth.Reader implements it). A step is never done on the
// run's own word: it needs a STEP_VERIFIED record and a commit, verified
// or claimed, that stands in git now.
package resume
