// Package runs holds the verbs about runs over time: liveness (is this run
// moving?), the intent ledger's writers (intent declare, claim,
// verify-step), status (the folded digest), trace (the cross-surface
// walk), resume, complete and rewind.
//
// Handlers gather evidence (git through witness/git and the verify path in
// truth, the lane journal and the intent ledger through state/, the pid
// table through witness/proc, the clock once), call the pure deciders in
// kernel/liveness, kernel/ledger and kernel/resume, and persist what they
// decided. A step is never counted verified on the run's own word: every
// verb asks truth.Reader.CheckCommit about the commits the run named.
package runs
