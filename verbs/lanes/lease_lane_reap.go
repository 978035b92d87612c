package lanes

import (
	"context"
	"fmt"

	"github.com/dispatchos/dos/call"
	"github.com/dispatchos/dos/kernel/lease"
	"github.com/dispatchos/dos/state/journal/leaselane"
	"github.com/dispatchos/dos/state/store"
)

// LeaseLaneReapArgs are the inputs of lease-lane reap.
type LeaseLaneReapArgs struct {
	Wait float64 `name:"wait" default:"5" help:"seconds to wait for the journal lock before answering LOCK_BUSY"`
}

// LeaseLaneReapResult is lease-lane reap's answer: the leases recorded as
// scavenged, or the LOCK_BUSY body.
type LeaseLaneReapResult struct {
	Count  int           `json:"count"`
	Reaped []lease.Lease `json:"reaped"`
	// Busy is set on LOCK_BUSY, and is then the whole JSON form.
	Busy *LockBusyResult `json:"-"`
}

type leaseLaneReapPlain LeaseLaneReapResult

// MarshalJSON writes the reaped leases, or the LOCK_BUSY body.
func (r LeaseLaneReapResult) MarshalJSON() ([]byte, error) {
	return orBusy(r.Busy, leaseLaneReapPlain(r))
}

// OutputSchema says the answer is the reaped leases or the LOCK_BUSY body.
func (LeaseLaneReapResult) OutputShape() call.Shape { return shapeOrBusy[leaseLaneReapPlain]() }

// LeaseLaneReap records every expired lease as scavenged.
var LeaseLaneReap = call.Def{
	Path:  "lease-lane reap",
	Short: "Record every expired lane lease as scavenged",
	Long: `USE THIS WHEN: agents died or stopped without releasing, and their expired
leases should be cleared from the journal on record.

Which leases have expired? reap does what acquire does before deciding, without
acquiring: under the journal lock it appends a SCAVENGE record (reason
"ttl-expired") for every live lease whose newest stamp is older than its ttl
plus 5 minutes, and lists them.

On an etcd fleet ([fleet] in dos.toml) the server has already expired the
leases on its own clock; reap records the SCAVENGE of each one that expired
without a release (once, however many machines reap), and a cluster that does
not answer is exit 4 with nothing recorded.

Exit 0 REAPED (possibly none), 4 LOCK_BUSY, 2 a journal that cannot be written.`,
	Example:     "  dos lease-lane reap",
	Toolset:     call.WriteSet,
	Class:       call.Write,
	Surfaces:    call.CLI | call.MCP,
	JSONDefault: true,
	Verdicts:    []*call.Verdict{&Reaped, &LockBusy},
	Handler: &call.Typed[LeaseLaneReapArgs, LeaseLaneReapResult]{Fn: func(ctx context.Context, env *call.Env, a *LeaseLaneReapArgs) (*call.Reply[LeaseLaneReapResult], error) {
		sh, err := openLanes(env, a.Wait, true)
		if err != nil {
			return nil, err
		}
		shared, err := sh.shared(env)
		if err != nil {
			return downReply(LeaseLaneReapResult{Busy: downBody("", err)}, err), nil
		}
		var reaped []lease.Lease
		if shared != nil {
			defer shared.Close()
			var snap store.Snapshot // the snapshot records what it reaps
			snap, err = shared.Snapshot(ctx)
			reaped = snap.Reaped
			if store.Down(err) {
				return downReply(LeaseLaneReapResult{Busy: downBody("", err)}, err), nil
			}
		} else {
			reaped, err = leaselane.Reap(ctx, sh.j, sh.now, sh.cfg)
		}
		if isBusy(err) {
			return busyReply(LeaseLaneReapResult{Busy: newBusy("", sh.cfg.Wait, err)}, sh.cfg.Wait), nil
		}
		if err != nil {
			return nil, err
		}
		body := LeaseLaneReapResult{Count: len(reaped), Reaped: reaped}
		if len(reaped) == 0 {
			body.Reaped = []lease.Lease{}
		}
		return &call.Reply[LeaseLaneReapResult]{Verdict: Reaped, Body: body, Text: fmt.Sprintf("REAPED %d expired lease(s)", len(reaped))}, nil
	}},
}
