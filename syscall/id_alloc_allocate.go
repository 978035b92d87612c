package syscall

import (
	"context"
	"fmt"
	"path/filepath"
	"time"

	"github.com/dispatchos/dos/state/idalloc"
)

// IDAllocAllocateArgs are the inputs of id-alloc allocate.
type IDAllocAllocateArgs struct {
	Scope string  `name:"scope" pos:"0" required:"true" help:"the counter's scope (any printable string)"`
	Start int64   `name:"start" default:"1" help:"the first id of a new scope"`
	Wait  float64 `name:"wait" default:"5" help:"seconds to wait for the scope's lock before answering LOCK_BUSY"`
}

// IDAllocAllocate hands out the next id of a scope.
var IDAllocAllocate = New(Def{
	Path:  "id-alloc allocate",
	Use:   "<scope>",
	Short: "Allocate the next never-reused integer id of a scope",
	Long: `What number should this thing get? allocate returns the scope's next id: --start
for a new scope, else the last id plus one. Ids are never reused and strictly
increase, across any number of processes (an flock per scope, the counter
replaced atomically with fsync). Counters live in $DISPATCH_ID_ALLOC_DIR, else
<leases_dir>/id-alloc.

Exit 0 ALLOCATED, 4 LOCK_BUSY, 2 bad input or an unwritable counter.`,
	Example:     "  dos id-alloc allocate next-up/2026-06-01\n  dos id-alloc allocate tickets --start 1000",
	Toolset:     Ops,
	Class:       Write,
	Surfaces:    CLI | MCP,
	JSONDefault: true,
	Verdicts:    []Verdict{{"ALLOCATED", 0}, lockBusy},
}, func(ctx context.Context, env *Env, a *IDAllocAllocateArgs) (*Result, error) {
	al, err := allocator(env, a.Scope, a.Wait, true)
	if err != nil {
		return nil, err
	}
	id, err := al.Allocate(ctx, a.Scope, a.Start)
	if isBusy(err) {
		return &Result{Verdict: lockBusy.Word, Data: map[string]any{"id": nil, "scope": a.Scope, "outcome": "lock-busy"},
			Text: fmt.Sprintf("lock busy: scope %q stayed locked for %s", a.Scope, al.Wait)}, nil
	}
	if err != nil {
		return nil, err
	}
	return &Result{Verdict: "ALLOCATED", Data: map[string]any{"id": id, "scope": a.Scope}, Text: fmt.Sprint(id)}, nil
})

// allocator is the id allocator of env's workspace.
func allocator(env *Env, scope string, wait float64, write bool) (idalloc.Allocator, error) {
	if err := printable("scope", scope, true); err != nil {
		return idalloc.Allocator{}, err
	}
	if wait < 0 {
		return idalloc.Allocator{}, Usagef("--wait must be zero or more seconds, got %v", wait)
	}
	dir := env.Getenv("DISPATCH_ID_ALLOC_DIR")
	if dir == "" {
		ws, err := env.Workspace()
		if err != nil {
			return idalloc.Allocator{}, err
		}
		if write {
			_, _ = ws.EnsureDotDos() // best effort: the counter reports its own error
		}
		dir = filepath.Join(ws.Config.Paths.LeasesDir, "id-alloc")
	} else if !filepath.IsAbs(dir) {
		dir = filepath.Join(env.Cwd, dir)
	}
	return idalloc.Allocator{Dir: dir, Wait: time.Duration(wait * float64(time.Second))}, nil
}
