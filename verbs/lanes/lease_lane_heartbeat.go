package lanes

import (
	"context"
	"fmt"

	"github.com/dispatchos/dos/call"
	"github.com/dispatchos/dos/kernel/lease"
	"github.com/dispatchos/dos/state/journal/leaselane"
	"github.com/dispatchos/dos/state/store"
)

// LeaseLaneHeartbeatArgs are the inputs of lease-lane heartbeat.
type LeaseLaneHeartbeatArgs struct {
	Lane     string  `name:"lane" required:"true" help:"the lane whose lease to refresh"`
	Owner    string  `name:"owner" help:"the lease's holder (exact)"`
	LoopTS   string  `name:"loop-ts" help:"beat only the lease with this loop stamp"`
	Coalesce float64 `name:"coalesce-within-s" help:"record no HEARTBEAT (and still succeed; on etcd the lease is still renewed) when the lease was stamped less than this many seconds ago"`
	Wait     float64 `name:"wait" default:"5" help:"seconds to wait for the journal lock before answering LOCK_BUSY"`
}

// LeaseLaneHeartbeatResult is lease-lane heartbeat's answer, or the
// LOCK_BUSY body.
type LeaseLaneHeartbeatResult struct {
	// Beat is true when the lease was refreshed (or the beat coalesced).
	Beat  bool   `json:"beat"`
	Lane  string `json:"lane"`
	Owner string `json:"owner"`
	// Expired is true when the lease had expired and was scavenged.
	Expired bool `json:"expired"`
	// Seq is the HEARTBEAT record's seq (absent when nothing was written).
	Seq int64 `json:"seq,omitempty"`
	// Busy is set on LOCK_BUSY, and is then the whole JSON form.
	Busy *LockBusyResult `json:"-"`
}

type leaseLaneHeartbeatPlain LeaseLaneHeartbeatResult

// MarshalJSON writes the beat, or the LOCK_BUSY body.
func (r LeaseLaneHeartbeatResult) MarshalJSON() ([]byte, error) {
	return orBusy(r.Busy, leaseLaneHeartbeatPlain(r))
}

// OutputSchema says the answer is the beat or the LOCK_BUSY body.
func (LeaseLaneHeartbeatResult) OutputShape() call.Shape {
	return shapeOrBusy[leaseLaneHeartbeatPlain]()
}

// LeaseLaneHeartbeat refreshes a live lease.
var LeaseLaneHeartbeat = call.Def{
	Path:  "lease-lane heartbeat",
	Short: "Refresh a live lane lease so it does not expire",
	Long: `USE THIS WHEN: an agent holding a lane is still working and must keep its lease
from expiring.

Is my lease still mine, and will it stay live? heartbeat appends a HEARTBEAT
(heartbeat_at = now) for the owner's live lease on the lane. A lease that has
already expired is scavenged instead and the answer is NOT_HELD: a beat never
brings an expired lease back.

On an etcd fleet ([fleet] in dos.toml) the beat renews the lease's TTL on the
cluster (a keep-alive: a lease the cluster let lapse is NOT_HELD) and records
the HEARTBEAT as an event there, coalesced the same way, so dos liveness,
status and loop read the same heartbeat age on both backends; a cluster that
does not answer is LOCK_BUSY.

Exit 0 BEAT, 1 NOT_HELD, 4 LOCK_BUSY, 2 bad input or a journal that cannot be
written.`,
	Example:     "  dos lease-lane heartbeat --lane src --owner agent-A",
	Toolset:     call.WriteSet,
	Class:       call.Write,
	Surfaces:    call.CLI | call.MCP,
	JSONDefault: true,
	Verdicts:    []*call.Verdict{&Beat, &NotHeld, &LockBusy},
	Handler: &call.Typed[LeaseLaneHeartbeatArgs, LeaseLaneHeartbeatResult]{Fn: func(ctx context.Context, env *call.Env, a *LeaseLaneHeartbeatArgs) (*call.Reply[LeaseLaneHeartbeatResult], error) {
		if err := printable("owner", a.Owner, true); err != nil {
			return nil, err
		}
		sh, err := openLanes(env, a.Wait, true)
		if err != nil {
			return nil, err
		}
		if err := lease.CheckWait(a.Coalesce, lease.MaxTTLMinutes*60); err != nil {
			return nil, call.Usagef("--coalesce-within-s: %v", err)
		}
		co := lease.Seconds(a.Coalesce)
		m := leaselane.Match{Lane: a.Lane, Owner: a.Owner, LoopTS: a.LoopTS}
		shared, err := sh.shared(env)
		var r leaselane.OpResult
		if err == nil && shared != nil {
			defer shared.Close()
			r, err = sh.heartbeatShared(ctx, shared, m, co)
		} else if err == nil {
			r, err = leaselane.Heartbeat(ctx, sh.j, sh.now, sh.cfg, m, co)
		}
		if store.Down(err) {
			return downReply(LeaseLaneHeartbeatResult{Busy: downBody(a.Lane, err)}, err), nil
		}
		if isBusy(err) {
			return busyReply(LeaseLaneHeartbeatResult{Busy: newBusy(a.Lane, sh.cfg.Wait, err)}, sh.cfg.Wait), nil
		}
		if err != nil {
			return nil, err
		}
		body := LeaseLaneHeartbeatResult{Beat: r.Done, Lane: a.Lane, Owner: a.Owner, Expired: r.Expired}
		if !r.Done {
			why := fmt.Sprintf("no live lease on '%s' held by %q", a.Lane, a.Owner)
			if r.Expired {
				why = fmt.Sprintf("the lease on '%s' had expired and was scavenged", a.Lane)
			}
			return &call.Reply[LeaseLaneHeartbeatResult]{Verdict: NotHeld, Body: body, Text: "NOT_HELD: " + why,
				Interpretation: "STOP — you do not hold this lane; acquire it again before writing."}, nil
		}
		if r.Seq > 0 {
			body.Seq = r.Seq
		}
		return &call.Reply[LeaseLaneHeartbeatResult]{Verdict: Beat, Body: body, Text: fmt.Sprintf("BEAT lane '%s'", a.Lane),
			Interpretation: "Your lease is live and refreshed."}, nil
	}},
}
