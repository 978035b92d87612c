package syscall

import (
	"context"
	"fmt"

	"github.com/dispatchos/dos/state/journal/leaselane"
)

// LeaseLaneReleaseArgs are the inputs of lease-lane release.
type LeaseLaneReleaseArgs struct {
	Lane   string  `name:"lane" required:"true" help:"the lane to release (exact name)"`
	Owner  string  `name:"owner" help:"the holder releasing it (must equal the lease's holder)"`
	LoopTS string  `name:"loop-ts" help:"release only the lease with this loop stamp"`
	Force  bool    `name:"force" help:"operator override: release the newest lease on the lane whoever holds it"`
	Wait   float64 `name:"wait" default:"5" help:"seconds to wait for the journal lock before answering LOCK_BUSY"`
}

// LeaseLaneRelease gives a lane lease back.
var LeaseLaneRelease = New(Def{
	Path:  "lease-lane release",
	Short: "Release a lane lease held by an owner",
	Long: `Is my lease on this lane gone now? release appends a RELEASE record for the
newest live lease on the lane whose holder is --owner (exactly; --force takes
any holder), under the journal lock, with fsync.

Exit 0 RELEASED, 1 NOT_HELD (no such live lease; nothing written),
4 LOCK_BUSY, 2 bad input or a journal that cannot be written.`,
	Example:     "  dos lease-lane release --lane src --owner agent-A",
	Toolset:     Admission,
	Class:       Write,
	Surfaces:    CLI | MCP,
	JSONDefault: true,
	Verdicts:    []Verdict{{"RELEASED", 0}, {"NOT_HELD", 1}, lockBusy},
}, func(ctx context.Context, env *Env, a *LeaseLaneReleaseArgs) (*Result, error) {
	if err := printable("owner", a.Owner, !a.Force); err != nil {
		return nil, err
	}
	sh, err := openLanes(env, a.Wait, true)
	if err != nil {
		return nil, err
	}
	r, err := leaselane.Release(ctx, sh.j, sh.now, sh.cfg, leaselane.Match{Lane: a.Lane, Owner: a.Owner, LoopTS: a.LoopTS, Any: a.Force})
	if isBusy(err) {
		return busyResult(a.Lane, sh.cfg.Wait, err), nil
	}
	if err != nil {
		return nil, err
	}
	data := map[string]any{"lane": a.Lane, "owner": a.Owner, "released": r.Done}
	if !r.Done {
		return &Result{Verdict: "NOT_HELD", Data: data,
			Text:           fmt.Sprintf("NOT_HELD: no live lease on '%s' held by %q", a.Lane, a.Owner),
			Interpretation: "Nothing to release: no live lease on that lane has this holder."}, nil
	}
	data["loop_ts"], data["seq"], data["holder"] = r.Lease.LoopTS, r.Seq, r.Lease.Holder
	return &Result{Verdict: "RELEASED", Data: data,
		Text:           fmt.Sprintf("RELEASED lane '%s' (loop %s)", a.Lane, r.Lease.LoopTS),
		Interpretation: "The lane is free for others now."}, nil
})
