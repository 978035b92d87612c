package lanes

import (
	"context"
	"fmt"
	"path/filepath"

	"github.com/dispatchos/dos/call"
	"github.com/dispatchos/dos/kernel/lease"
	"github.com/dispatchos/dos/state/idalloc"
	"github.com/dispatchos/dos/state/store"
)

// IDAllocAllocateArgs are the inputs of id-alloc allocate.
type IDAllocAllocateArgs struct {
	Scope string  `name:"scope" pos:"0" required:"true" help:"the counter's scope (any printable string)"`
	Start int64   `name:"start" default:"1" help:"the first id of a new scope"`
	Wait  float64 `name:"wait" default:"5" help:"seconds to wait for the scope's lock before answering LOCK_BUSY"`
}

// IDAllocAllocateResult is id-alloc allocate's answer: the id handed out
// (null on LOCK_BUSY, with outcome "lock-busy") and its scope.
type IDAllocAllocateResult struct {
	ID      *int64 `json:"id"`
	Scope   string `json:"scope"`
	Outcome string `json:"outcome,omitempty"`
}

// IDAllocAllocate hands out the next id of a scope.
var IDAllocAllocate = call.Def{
	Path:  "id-alloc allocate",
	Use:   "<scope>",
	Short: "Allocate the next never-reused integer id of a scope",
	Long: `USE THIS WHEN: a run needs a fresh, never-reused number in a named sequence (a
packet, a ticket, a report) while other processes may ask at the same time.

What number should this thing get? allocate returns the scope's next id: --start
for a new scope, else the last id plus one. Ids are never reused and strictly
increase, across any number of processes (an flock per scope, the counter
replaced atomically with fsync). Counters live in $DISPATCH_ID_ALLOC_DIR, else
<leases_dir>/id-alloc.

On an etcd fleet ([fleet] in dos.toml) the counter is a key in the cluster,
shared by every machine, whatever DISPATCH_ID_ALLOC_DIR says; a cluster that
does not answer is LOCK_BUSY (exit 4, outcome "store-unavailable"), and no id
is handed out.

Exit 0 ALLOCATED, 4 LOCK_BUSY, 2 bad input or an unwritable counter.`,
	Example:     "  dos id-alloc allocate next-up/2026-06-01\n  dos id-alloc allocate tickets --start 1000",
	Toolset:     call.WriteSet,
	Class:       call.Write,
	Surfaces:    call.CLI | call.MCP,
	JSONDefault: true,
	Verdicts:    []*call.Verdict{&Allocated, &LockBusy},
	Handler: &call.Typed[IDAllocAllocateArgs, IDAllocAllocateResult]{Fn: func(ctx context.Context, env *call.Env, a *IDAllocAllocateArgs) (*call.Reply[IDAllocAllocateResult], error) {
		al, err := allocator(env, a.Scope, a.Wait, true)
		if err != nil {
			return nil, err
		}
		shared, err := sharedStore(env)
		var id int64
		if err == nil && shared != nil {
			defer shared.Close()
			id, err = shared.AllocID(ctx, a.Scope, a.Start)
		} else if err == nil {
			id, err = al.Allocate(ctx, a.Scope, a.Start)
		}
		if store.Down(err) {
			return &call.Reply[IDAllocAllocateResult]{Verdict: LockBusy, Body: IDAllocAllocateResult{Scope: a.Scope, Outcome: "store-unavailable"},
				Text: fmt.Sprintf("lease store unavailable: %v; no id was allocated", err)}, nil
		}
		if isBusy(err) {
			return &call.Reply[IDAllocAllocateResult]{Verdict: LockBusy, Body: IDAllocAllocateResult{Scope: a.Scope, Outcome: "lock-busy"},
				Text: fmt.Sprintf("lock busy: scope %q stayed locked for %s", a.Scope, al.Wait)}, nil
		}
		if err != nil {
			return nil, err
		}
		return &call.Reply[IDAllocAllocateResult]{Verdict: Allocated, Body: IDAllocAllocateResult{ID: &id, Scope: a.Scope}, Text: fmt.Sprint(id)}, nil
	}},
}

// allocator is the id allocator of env's workspace.
func allocator(env *call.Env, scope string, wait float64, write bool) (idalloc.Allocator, error) {
	if err := printable("scope", scope, true); err != nil {
		return idalloc.Allocator{}, err
	}
	if err := lease.CheckWait(wait, lease.MaxWaitSeconds); err != nil {
		return idalloc.Allocator{}, call.Usagef("--wait: %v", err)
	}
	dir, err := idAllocDir(env, write)
	if err != nil {
		return idalloc.Allocator{}, err
	}
	return idalloc.Allocator{Dir: dir, Wait: lease.Seconds(wait)}, nil
}

// idAllocDir is where env's id counters live: $DISPATCH_ID_ALLOC_DIR, else
// <leases_dir>/id-alloc. write makes sure .dos/ exists first.
func idAllocDir(env *call.Env, write bool) (string, error) {
	dir := env.Getenv("DISPATCH_ID_ALLOC_DIR")
	if dir == "" {
		ws, err := env.Workspace()
		if err != nil {
			return "", err
		}
		if write {
			_, _ = ws.EnsureDotDos() // best effort: the counter reports its own error
		}
		return filepath.Join(ws.Config.Paths.LeasesDir, "id-alloc"), nil
	}
	if !filepath.IsAbs(dir) {
		dir = filepath.Join(env.WorkDir(), dir)
	}
	return dir, nil
}
