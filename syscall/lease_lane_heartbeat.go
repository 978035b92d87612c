package syscall

import (
	"context"
	"fmt"
	"time"

	"github.com/dispatchos/dos/state/journal/leaselane"
)

// LeaseLaneHeartbeatArgs are the inputs of lease-lane heartbeat.
type LeaseLaneHeartbeatArgs struct {
	Lane     string  `name:"lane" required:"true" help:"the lane whose lease to refresh"`
	Owner    string  `name:"owner" help:"the lease's holder (exact)"`
	LoopTS   string  `name:"loop-ts" help:"beat only the lease with this loop stamp"`
	Coalesce float64 `name:"coalesce-within-s" help:"write nothing (and still succeed) when the lease was stamped this many seconds ago or less"`
	Wait     float64 `name:"wait" default:"5" help:"seconds to wait for the journal lock before answering LOCK_BUSY"`
}

// LeaseLaneHeartbeat refreshes a live lease.
var LeaseLaneHeartbeat = New(Def{
	Path:  "lease-lane heartbeat",
	Short: "Refresh a live lane lease so it does not expire",
	Long: `Is my lease still mine, and will it stay live? heartbeat appends a HEARTBEAT
(heartbeat_at = now) for the owner's live lease on the lane. A lease that has
already expired is scavenged instead and the answer is NOT_HELD: a beat never
brings an expired lease back.

Exit 0 BEAT, 1 NOT_HELD, 4 LOCK_BUSY, 2 bad input or a journal that cannot be
written.`,
	Example:     "  dos lease-lane heartbeat --lane src --owner agent-A",
	Toolset:     Admission,
	Class:       Write,
	Surfaces:    CLI | MCP,
	JSONDefault: true,
	Verdicts:    []Verdict{{"BEAT", 0}, {"NOT_HELD", 1}, lockBusy},
}, func(ctx context.Context, env *Env, a *LeaseLaneHeartbeatArgs) (*Result, error) {
	if err := printable("owner", a.Owner, true); err != nil {
		return nil, err
	}
	sh, err := openLanes(env, a.Wait, true)
	if err != nil {
		return nil, err
	}
	co := time.Duration(a.Coalesce * float64(time.Second))
	r, err := leaselane.Heartbeat(ctx, sh.j, sh.now, sh.cfg, leaselane.Match{Lane: a.Lane, Owner: a.Owner, LoopTS: a.LoopTS}, co)
	if isBusy(err) {
		return busyResult(a.Lane, sh.cfg.Wait, err), nil
	}
	if err != nil {
		return nil, err
	}
	data := map[string]any{"beat": r.Done, "lane": a.Lane, "owner": a.Owner, "expired": r.Expired}
	if !r.Done {
		why := fmt.Sprintf("no live lease on '%s' held by %q", a.Lane, a.Owner)
		if r.Expired {
			why = fmt.Sprintf("the lease on '%s' had expired and was scavenged", a.Lane)
		}
		return &Result{Verdict: "NOT_HELD", Data: data, Text: "NOT_HELD: " + why,
			Interpretation: "STOP — you do not hold this lane; acquire it again before writing."}, nil
	}
	if r.Seq > 0 {
		data["seq"] = r.Seq
	}
	return &Result{Verdict: "BEAT", Data: data, Text: fmt.Sprintf("BEAT lane '%s'", a.Lane),
		Interpretation: "Your lease is live and refreshed."}, nil
})
