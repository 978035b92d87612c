// Package ledger is the intent ledger's record format and replay: the
// append-only JSON Lines file a run keeps at <runs>/<run_id>/intent.jsonl
// (what it set out to do, the steps it claims and the steps dos verified,
// its suspensions and the resumes proposed for it).
//
// It is pure: [Parse] reads one line, [Replay] folds parsed lines into a
// [State], and the New* constructors build the records a writer appends.
// Reading and writing the file is state/ledger's job. The format is the
// reference's (family "intent-ledger", version 1), so a ledger written by
// either tool reads in the other.
package ledger
