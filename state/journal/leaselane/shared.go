package leaselane

import (
	"context"

	"github.com/dispatchos/dos/state/store"
)

// HaltIn records the HALT of in through s (a fleet's shared store),
// correlated to the first of s's live leases it matches; no lease is
// changed. Every verb that records a stop on a fleet goes through here.
func HaltIn(ctx context.Context, s store.Store, hostID string, in HaltInput) (OpResult, error) {
	var res OpResult
	live, err := s.Live(ctx)
	if err != nil {
		return res, err
	}
	rec, l := HaltOf(live, hostID, in)
	seq, err := s.Append(ctx, rec)
	if err != nil {
		return res, err
	}
	res.Done, res.Lease, res.Seq = true, l, seq
	return res, nil
}
