package lanes

import (
	"context"

	"github.com/dispatchos/dos/kernel/lease"
	"github.com/dispatchos/dos/state/journal/leaselane"
	"github.com/dispatchos/dos/state/store"
)

// haltShared records the HALT of in through s, correlated to the first
// live lease it matches; no lease is changed.
func (sh *laneShell) haltShared(ctx context.Context, s store.Store, in leaselane.HaltInput) (leaselane.OpResult, error) {
	var res leaselane.OpResult
	live, err := s.Live(ctx)
	if err != nil {
		return res, err
	}
	rec, l := leaselane.HaltOf(live, sh.cfg.HostID, in)
	seq, err := s.Append(ctx, rec)
	if err != nil {
		return res, err
	}
	res.Done, res.Lease, res.Seq = true, l, seq
	return res, nil
}

// reapShared records the SCAVENGE of every lease of s that expired
// without a release and returns them.
func reapShared(ctx context.Context, s store.Store) ([]lease.Lease, error) {
	snap, err := s.Snapshot(ctx)
	return snap.Reaped, err
}
