package lanes

import (
	"context"
	"fmt"

	"github.com/dispatchos/dos/call"
	"github.com/dispatchos/dos/kernel/lease"
	"github.com/dispatchos/dos/state/store"
)

// LeaseReleaseArgs are the inputs of lease release.
type LeaseReleaseArgs struct {
	Owner string `name:"owner" pos:"0" required:"true" help:"who releases the archive lock"`
	Force bool   `name:"force" help:"release it whoever holds it"`
}

// LeaseRelease gives the archive lock back.
var LeaseRelease = call.Def{
	Path:  "lease release",
	Use:   "<owner>",
	Short: "Release the archive lock",
	Long: `USE THIS WHEN: a process that held the archive lock has finished its ceremony
and must free it.

Is the archive lock free now? release deletes the archive lock when its owner is
<owner> (or with --force). No lock is fine ("released (no-lock)"). A lock held
by someone else is left alone with a warning on stderr; that is still exit 0,
as the reference does, because the caller's own lock is not held either way.
On an etcd fleet ([fleet] in dos.toml) the lock is the cluster's; a cluster
that does not answer is exit 4, with nothing released.`,
	Example:  "  dos lease release archiver-1",
	Toolset:  call.WriteSet,
	Class:    call.Write,
	Surfaces: call.CLI | call.MCP,
	Verdicts: []*call.Verdict{&Released, &NotOwner, &LockBusy},
	Handler: &call.Typed[LeaseReleaseArgs, ArchiveLockResult]{Fn: func(ctx context.Context, env *call.Env, a *LeaseReleaseArgs) (*call.Reply[ArchiveLockResult], error) {
		if err := printable("owner", a.Owner, true); err != nil {
			return nil, err
		}
		al, err := openArchive(env, true)
		if store.Down(err) {
			return archiveDown(a.Owner, err), nil
		}
		if err != nil {
			return nil, err
		}
		defer al.Close()
		r, err := al.ReleaseArchive(ctx, a.Owner, a.Force)
		if al.shared && store.Down(err) {
			return archiveDown(a.Owner, err), nil
		}
		if err != nil {
			return nil, al.fail(err)
		}
		held, removed := r.Held, r.Removed
		prev := holdBody(r.Prev)
		have := lease.Escape(prev.Owner)
		switch {
		case !held:
			return archiveResult(Released, "no-lock", a.Owner, "released (no-lock)", nil), nil
		case !removed:
			env.Warn(fmt.Sprintf("WARN: lock owner mismatch (have=%s, expected=%s); leaving alone", have, a.Owner))
			return archiveResult(NotOwner, "mismatch", a.Owner, fmt.Sprintf("not released: held by %s", have), prev), nil
		case prev.Owner != a.Owner:
			return archiveResult(Released, "force-released", a.Owner, fmt.Sprintf("force-released (was: %s)", have), prev), nil
		}
		return archiveResult(Released, "released", a.Owner, "released "+a.Owner, nil), nil
	}},
}
