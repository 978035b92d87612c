package lanes

import (
	"context"
	"fmt"

	"github.com/dispatchos/dos/call"
	"github.com/dispatchos/dos/state/journal/leaselane"
	"github.com/dispatchos/dos/state/store"
)

// LeaseLaneReleaseArgs are the inputs of lease-lane release.
type LeaseLaneReleaseArgs struct {
	Lane   string  `name:"lane" required:"true" help:"the lane to release (exact name)"`
	Owner  string  `name:"owner" help:"the holder releasing it (must equal the lease's holder)"`
	LoopTS string  `name:"loop-ts" help:"release only the lease with this loop stamp"`
	Force  bool    `name:"force" help:"operator override: release the newest lease on the lane whoever holds it"`
	Wait   float64 `name:"wait" default:"5" help:"seconds to wait for the journal lock before answering LOCK_BUSY"`
}

// LeaseLaneReleaseResult is lease-lane release's answer, or the LOCK_BUSY
// body.
type LeaseLaneReleaseResult struct {
	Lane     string `json:"lane"`
	Owner    string `json:"owner"`
	Released bool   `json:"released"`
	// LaneReleased is the lease released; nil when none was.
	*LaneReleased
	// Busy is set on LOCK_BUSY, and is then the whole JSON form.
	Busy *LockBusyResult `json:"-"`
}

// LaneReleased is the lease a RELEASE record ended.
type LaneReleased struct {
	LoopTS string `json:"loop_ts"`
	Seq    int64  `json:"seq"`
	Holder string `json:"holder"`
}

type leaseLaneReleasePlain LeaseLaneReleaseResult

// MarshalJSON writes the release, or the LOCK_BUSY body.
func (r LeaseLaneReleaseResult) MarshalJSON() ([]byte, error) {
	return orBusy(r.Busy, leaseLaneReleasePlain(r))
}

// OutputSchema says the answer is the release or the LOCK_BUSY body.
func (LeaseLaneReleaseResult) OutputShape() call.Shape { return shapeOrBusy[leaseLaneReleasePlain]() }

// LeaseLaneRelease gives a lane lease back.
var LeaseLaneRelease = call.Def{
	Path:  "lease-lane release",
	Short: "Release a lane lease held by an owner",
	Long: `USE THIS WHEN: an agent has finished (or abandoned) the work it held a lane for
and must give the lane back.

Is my lease on this lane gone now? release appends a RELEASE record for the
newest live lease on the lane whose holder is --owner (exactly; --force takes
any holder), under the journal lock, with fsync.

Exit 0 RELEASED, 1 NOT_HELD (no such live lease; nothing written),
4 LOCK_BUSY, 2 bad input or a journal that cannot be written.`,
	Example:     "  dos lease-lane release --lane src --owner agent-A",
	Toolset:     call.WriteSet,
	Class:       call.Write,
	Surfaces:    call.CLI | call.MCP,
	JSONDefault: true,
	Verdicts:    []*call.Verdict{&Released, &NotHeld, &LockBusy},
	Handler: &call.Typed[LeaseLaneReleaseArgs, LeaseLaneReleaseResult]{Fn: func(ctx context.Context, env *call.Env, a *LeaseLaneReleaseArgs) (*call.Reply[LeaseLaneReleaseResult], error) {
		if err := printable("owner", a.Owner, !a.Force); err != nil {
			return nil, err
		}
		sh, err := openLanes(env, a.Wait, true)
		if err != nil {
			return nil, err
		}
		m := leaselane.Match{Lane: a.Lane, Owner: a.Owner, LoopTS: a.LoopTS, Any: a.Force}
		shared, err := sh.shared(env)
		var r leaselane.OpResult
		if err == nil && shared != nil {
			defer shared.Close()
			r, err = sh.releaseShared(ctx, shared, m)
		} else if err == nil {
			r, err = leaselane.Release(ctx, sh.j, sh.now, sh.cfg, m)
		}
		if store.Down(err) {
			return downReply(LeaseLaneReleaseResult{Busy: downBody(a.Lane, err)}, err), nil
		}
		if isBusy(err) {
			return busyReply(LeaseLaneReleaseResult{Busy: newBusy(a.Lane, sh.cfg.Wait, err)}, sh.cfg.Wait), nil
		}
		if err != nil {
			return nil, err
		}
		body := LeaseLaneReleaseResult{Lane: a.Lane, Owner: a.Owner, Released: r.Done}
		if !r.Done {
			return &call.Reply[LeaseLaneReleaseResult]{Verdict: NotHeld, Body: body,
				Text:           fmt.Sprintf("NOT_HELD: no live lease on '%s' held by %q", a.Lane, a.Owner),
				Interpretation: "Nothing to release: no live lease on that lane has this holder."}, nil
		}
		body.LaneReleased = &LaneReleased{LoopTS: r.Lease.LoopTS, Seq: r.Seq, Holder: r.Lease.Holder}
		return &call.Reply[LeaseLaneReleaseResult]{Verdict: Released, Body: body,
			Text:           fmt.Sprintf("RELEASED lane '%s' (loop %s)", a.Lane, r.Lease.LoopTS),
			Interpretation: "The lane is free for others now."}, nil
	}},
}
