package verbs

import (
	"slices"

	"github.com/dispatchos/dos/call"
	"github.com/dispatchos/dos/verbs/hooks"
	"github.com/dispatchos/dos/verbs/lanes"
	"github.com/dispatchos/dos/verbs/loop"
	"github.com/dispatchos/dos/verbs/runs"
	"github.com/dispatchos/dos/verbs/setup"
	"github.com/dispatchos/dos/verbs/ship"
)

// all is every syscall dos serves, sorted by path (TestRegistryInvariants
// checks the order). It is static data: building it costs a start nothing.
var all = [...]*call.Def{
	&lanes.Arbitrate,          // arbitrate
	&loop.Breaker,             // breaker
	&lanes.CheckReason,        // check-reason
	&ship.CommitAudit,         // commit-audit
	&runs.Complete,            // complete
	&setup.Doctor,             // doctor
	&loop.Efficiency,          // efficiency
	&loop.EfficiencyTrend,     // efficiency-trend
	&hooks.ExecCapability,     // exec-capability
	&setup.ExitCodes,          // exit-codes
	&lanes.FleetImport,        // fleet import
	&hooks.Guard,              // guard
	&lanes.Halt,               // halt
	&hooks.HookExit,           // hook-exit
	&setup.Hosts,              // hosts
	&lanes.IDAllocAllocate,    // id-alloc allocate
	&lanes.IDAllocPeek,        // id-alloc peek
	&loop.Improve,             // improve
	&setup.Init,               // init
	&runs.IntentClaim,         // intent claim
	&runs.IntentDeclare,       // intent declare
	&runs.IntentVerify,        // intent verify-step
	&lanes.JournalCompact,     // journal compact
	&lanes.JournalExport,      // journal export
	&lanes.JournalReplay,      // journal replay
	&lanes.JournalSeq,         // journal seq
	&lanes.JournalTail,        // journal tail
	&lanes.LeaseAcquire,       // lease acquire
	&lanes.LeaseRelease,       // lease release
	&lanes.LeaseStatus,        // lease status
	&lanes.LeaseLaneAcquire,   // lease-lane acquire
	&lanes.LeaseLaneHeartbeat, // lease-lane heartbeat
	&lanes.LeaseLaneLive,      // lease-lane live
	&lanes.LeaseLaneReap,      // lease-lane reap
	&lanes.LeaseLaneRelease,   // lease-lane release
	&setup.Lint,               // lint
	&runs.Liveness,            // liveness
	&loop.Loop,                // loop
	&loop.NoopStreak,          // noop-streak
	&ship.Plan,                // plan
	&loop.Productivity,        // productivity
	&setup.Quickstart,         // quickstart
	&lanes.Reasons,            // reasons
	&runs.Resume,              // resume
	&loop.Reward,              // reward
	&runs.Rewind,              // rewind
	&lanes.RunIDMint,          // run-id mint
	&lanes.ScopeGate,          // scope-gate
	&runs.Status,              // status
	&runs.Trace,               // trace
	&ship.Verify,              // verify
	&setup.Version,            // version
	&loop.Watch,               // watch
	&loop.WorkAccount,         // work-account
}

// All returns every syscall dos serves, sorted by path. Each call builds a
// fresh slice, so a caller may keep or filter it.
func All() call.Registry { return slices.Clone(call.Registry(all[:])) }
