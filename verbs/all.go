package verbs

import (
	"slices"
	"strings"

	"github.com/dispatchos/dos/call"
	"github.com/dispatchos/dos/verbs/hooks"
	"github.com/dispatchos/dos/verbs/lanes"
	"github.com/dispatchos/dos/verbs/loop"
	"github.com/dispatchos/dos/verbs/runs"
	"github.com/dispatchos/dos/verbs/setup"
	"github.com/dispatchos/dos/verbs/ship"
)

// All returns every syscall dos serves, sorted by path. Each call builds a
// fresh slice, so a caller may keep or filter it.
func All() call.Registry {
	r := call.Registry{
		lanes.Arbitrate,
		lanes.Reasons,
		lanes.CheckReason,
		lanes.ScopeGate,
		setup.Version,
		setup.Hosts,
		setup.ExitCodes,
		setup.Init,
		setup.Lint,
		setup.Doctor,
		ship.Verify,
		ship.Plan,
		setup.Quickstart,
		lanes.LeaseLaneAcquire,
		lanes.LeaseLaneRelease,
		lanes.LeaseLaneHeartbeat,
		lanes.LeaseLaneLive,
		lanes.LeaseLaneReap,
		lanes.JournalTail,
		lanes.JournalReplay,
		lanes.JournalSeq,
		lanes.JournalCompact,
		lanes.JournalExport,
		lanes.FleetImport,
		lanes.Halt,
		lanes.RunIDMint,
		lanes.IDAllocAllocate,
		lanes.IDAllocPeek,
		lanes.LeaseAcquire,
		lanes.LeaseRelease,
		lanes.LeaseStatus,
		ship.CommitAudit,
		runs.Liveness,
		runs.IntentDeclare,
		runs.IntentClaim,
		runs.IntentVerify,
		runs.Status,
		runs.Trace,
		runs.Resume,
		runs.Complete,
		runs.Rewind,
		loop.Productivity,
		loop.Efficiency,
		loop.EfficiencyTrend,
		loop.Breaker,
		loop.Improve,
		loop.Reward,
		loop.WorkAccount,
		loop.NoopStreak,
		loop.Loop,
		loop.Watch,
		hooks.ExecCapability,
		hooks.HookExit,
		hooks.Guard,
	}
	slices.SortFunc(r, func(a, b *call.Def) int { return strings.Compare(a.Path, b.Path) })
	return r
}
