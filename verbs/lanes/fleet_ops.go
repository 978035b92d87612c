package lanes

import (
	"context"
	"time"

	"github.com/dispatchos/dos/call"
	"github.com/dispatchos/dos/kernel/admission"
	"github.com/dispatchos/dos/state/store/filestore"

	"github.com/dispatchos/dos/kernel/lease"
	"github.com/dispatchos/dos/state/journal/leaselane"
	"github.com/dispatchos/dos/state/store"
)

// haltShared records the HALT of in through s, correlated to the first
// live lease it matches; no lease is changed.
func (sh *laneShell) haltShared(ctx context.Context, s store.Store, in leaselane.HaltInput) (leaselane.OpResult, error) {
	return leaselane.HaltIn(ctx, s, sh.cfg.HostID, in)
}

// fences reads the live leases with their fencing generations, writing
// nothing: from the shared store when [fleet] names one (an error names
// its endpoints), else from the journal with expiry applied.
func (sh *laneShell) fences(ctx context.Context, env *call.Env) ([]admission.Held, error) {
	var s store.Store = &filestore.Store{J: sh.j, Expiry: sh.cfg.Expiry, Now: func() time.Time { return sh.now }}
	shared, err := sh.shared(env)
	if err != nil {
		return nil, err
	}
	if shared != nil {
		defer shared.Close()
		s = shared
	}
	return s.Fences(ctx)
}

// reapShared records the SCAVENGE of every lease of s that expired
// without a release and returns them.
func reapShared(ctx context.Context, s store.Store) ([]lease.Lease, error) {
	snap, err := s.Snapshot(ctx)
	return snap.Reaped, err
}
