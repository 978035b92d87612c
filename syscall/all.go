package syscall

import "slices"

// registry is filled once in init, so handlers (exit-codes) may read it
// without an initialisation cycle. It is never changed afterwards.
var registry []*Def

func init() {
	registry = []*Def{
		Arbitrate,
		Reasons,
		CheckReason,
		ScopeGate,
		Version,
		ExitCodes,
		Init,
		Lint,
		Doctor,
		Verify,
		Plan,
		Quickstart,
		LeaseLaneAcquire,
		LeaseLaneRelease,
		LeaseLaneHeartbeat,
		LeaseLaneLive,
		LeaseLaneReap,
		JournalTail,
		JournalReplay,
		JournalSeq,
		JournalCompact,
		Halt,
		RunIDMint,
		IDAllocAllocate,
		IDAllocPeek,
		LeaseAcquire,
		LeaseRelease,
		LeaseStatus,
		CommitAudit,
	}
	slices.SortFunc(registry, func(a, b *Def) int {
		switch {
		case a.Path < b.Path:
			return -1
		case a.Path > b.Path:
			return 1
		}
		return 0
	})
}

// All returns every syscall, sorted by path. The slice must not be changed.
func All() []*Def { return registry }
