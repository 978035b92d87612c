// Package hook is the hook surface: it reads a host's hook payload from
// stdin, gathers the evidence a decision needs, asks kernel/hook, writes
// what the decision implies, and prints the exact payload the host reads.
// cmd/dos-hook is a thin main over [Main]; "dos hook <verb>" calls [Run]
// with the same [Request], so both serve identical decisions.
//
// The verbs: pretool (may this tool call run?), posttool (is the agent
// getting the same bytes back again and again?), stop (did the agent claim
// a phase shipped that git does not back?) and marker (the keep-alive
// budget).
//
// Evidence and effects: the workspace comes from workspace.Resolve
// (--workspace, else the event's cwd, else $DISPATCH_WORKSPACE, else the
// process's directory); live leases from the lane journal with the one
// expiry rule of kernel/lease; a pretool deny or warning appends an
// ENFORCE record under the journal lock, waiting a few milliseconds at
// most and skipping it (with a line on stderr) when the lock is busy, and
// without fsync; posttool keeps the session's recent steps in
// .dos/streams/<session>.jsonl; stop verifies each claim through
// truth.Open and Reader.Verify, the code path "dos verify" uses.
//
// A hook never breaks a turn: unknown flags are ignored; bad input, a
// missing workspace, an I/O fault or a panic all end with exit 0 and the
// host's fail-safe answer (nothing, or Cursor's explicit allow). Exit code
// 2 is never used, because most hosts read it as a block.
package hook
