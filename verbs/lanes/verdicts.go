package lanes

import (
	"fmt"

	"github.com/dispatchos/dos/call"
	"github.com/dispatchos/dos/kernel/admission"
)

// ExitLockBusy is the exit code of LOCK_BUSY: a journal or allocator lock
// stayed held for the whole --wait. Nothing was written.
const ExitLockBusy = 4

// The verdicts of the lane verbs, each declared once.
var (
	// Acquire: arbitrate finds the lane free for the caller (exit 0).
	Acquire = call.NewVerdict("ACQUIRE", 0)
	// Refuse: arbitrate would refuse the lane (exit 1).
	Refuse = call.NewVerdict("REFUSE", 1)
	// Acquired: a lane lease was journaled, or the archive lock taken (exit 0).
	Acquired = call.NewVerdict("ACQUIRED", 0)
	// Refused: lease-lane acquire refused the lane, or fleet import found
	// live leases in the target (exit 1).
	Refused = call.NewVerdict("REFUSED", 1)
	// LockBusy: a journal or allocator lock stayed held for --wait; nothing
	// was written (exit 4).
	LockBusy = call.NewVerdict("LOCK_BUSY", ExitLockBusy)
	// Released: the lease or the archive lock is given back (exit 0).
	Released = call.NewVerdict("RELEASED", 0)
	// NotHeld: no live lease matches; nothing was written (exit 1).
	NotHeld = call.NewVerdict("NOT_HELD", 1)
	// Beat: the lease was refreshed (exit 0).
	Beat = call.NewVerdict("BEAT", 0)
	// Reaped: every expired lease is recorded as scavenged (exit 0).
	Reaped = call.NewVerdict("REAPED", 0)
	// Compacted: the journal was rewritten as one checkpoint (exit 0).
	Compacted = call.NewVerdict("COMPACTED", 0)
	// Imported: an export was written into the lease store (exit 0).
	Imported = call.NewVerdict("IMPORTED", 0)
	// AlreadyImported: the lease store holds this export already; nothing
	// was written (exit 0).
	AlreadyImported = call.NewVerdict("ALREADY_IMPORTED", 0)
	// Recorded: the halt decision is journaled (exit 0).
	Recorded = call.NewVerdict("RECORDED", 0)
	// Allocated: a new id was handed out (exit 0).
	Allocated = call.NewVerdict("ALLOCATED", 0)
	// Known: the reason_class is in the registry (exit 0).
	Known = call.NewVerdict("KNOWN", 0)
	// Unknown: the reason_class is not in the registry (exit 1).
	Unknown = call.NewVerdict("UNKNOWN", 1)
	// Allow: every touched path is inside the lane's tree (exit 0).
	Allow = call.NewVerdict("ALLOW", 0)
	// ScopeCreep: some touched paths are outside the lane's tree (exit 5).
	ScopeCreep = call.NewVerdict(admission.ScopeCreep, 5)
	// WrongTarget: no touched path is inside the lane's tree (exit 6).
	WrongTarget = call.NewVerdict(admission.WrongTarget, 6)
	// FencedOff: the lease a change was made under is no longer the lane's
	// live one, or a newer lease overlaps it (exit 7).
	FencedOff = call.NewVerdict(admission.Fenced, 7)
	// Busy: the archive lock is held by someone else (exit 1).
	Busy = call.NewVerdict("BUSY", 1)
	// NotOwner: the archive lock is someone else's and was left alone
	// (exit 0, as the reference does).
	NotOwner = call.NewVerdict("NOT_OWNER", 0)
	// Free: nobody holds the archive lock (exit 0).
	Free = call.NewVerdict("FREE", 0)
	// Held: the archive lock is held and fresh (exit 0).
	Held = call.NewVerdict("HELD", 0)
	// Stale: the archive lock is older than its ttl (exit 0).
	Stale = call.NewVerdict("STALE", 0)
)

// scopeVerdict is the declared verdict of a refusing scope gate's word.
func scopeVerdict(word string) (call.Verdict, error) {
	switch word {
	case admission.ScopeCreep:
		return ScopeCreep, nil
	case admission.WrongTarget:
		return WrongTarget, nil
	}
	return call.Verdict{}, fmt.Errorf("scope-gate: internal: unexpected scope verdict %q", word)
}
