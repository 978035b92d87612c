package lanes

import (
	"context"
	"fmt"
	"time"

	"github.com/dispatchos/dos/call"
	"github.com/dispatchos/dos/kernel/lease"
	"github.com/dispatchos/dos/state/journal/leaselane"
	"github.com/dispatchos/dos/state/store"
	"github.com/dispatchos/dos/state/store/backend"
)

// The lane verbs below route through a shared lease store (etcd) when the
// workspace's [fleet] table names one; the file journal keeps its
// one-lock path in leaselane. Each helper answers in leaselane's result
// types, so the replies are built the same way for both.

// shared opens the [fleet] store, or returns nil when the workspace uses
// the file journal. A store that cannot be opened is an error wrapping
// store.ErrUnavailable (the verb fails closed).
func (sh *laneShell) shared(env *call.Env) (store.Store, error) {
	return backend.Fleet(sh.ws.Config.Fleet, env.Getenv, sh.cfg.HostID)
}

// downBody is the LOCK_BUSY-shaped body of a store that did not answer.
func downBody(lane string, err error) *LockBusyResult {
	return &LockBusyResult{Lane: lane, Outcome: "store-unavailable", Reason: err.Error()}
}

// downReply is the exit-4 answer of a shared store that did not answer.
func downReply[R any](body R, err error) *call.Reply[R] {
	return &call.Reply[R]{
		Verdict:        LockBusy,
		Text:           fmt.Sprintf("lease store unavailable: %v; nothing was granted or written", err),
		Body:           body,
		Interpretation: "WAIT — the shared lease store did not answer; nothing was granted or written. Retry, or check it with dos doctor.",
	}
}

func (sh *laneShell) storeConfig() store.Config {
	return store.Config{Taxonomy: sh.cfg.Taxonomy, Policy: sh.cfg.Policy, HostID: sh.cfg.HostID, PID: sh.cfg.PID, Wait: sh.cfg.Wait}
}

// acquireShared decides and commits in through s.
func (sh *laneShell) acquireShared(ctx context.Context, s store.Store, in leaselane.AcquireInput) (leaselane.AcquireResult, error) {
	r, err := store.Acquire(ctx, s, sh.now, sh.storeConfig(), in) // leaselane.AcquireInput is store.AcquireInput
	return leaselane.AcquireResult{Decision: r.Decision, Journaled: r.Journaled, Lease: r.Lease, Seq: r.Seq,
		Generation: r.Generation, Reaped: r.Reaped}, err
}

// releaseShared releases the lease m matches in s.
func (sh *laneShell) releaseShared(ctx context.Context, s store.Store, m leaselane.Match) (leaselane.OpResult, error) {
	var res leaselane.OpResult
	snap, err := s.Snapshot(ctx)
	if err != nil {
		return res, err
	}
	res.Reaped = snap.Reaped
	l, ok := m.Find(snap.Live)
	if !ok {
		return res, nil
	}
	done, err := s.Release(ctx, l.LeaseID, l.Holder, lease.ReleaseOf(l, sh.cfg.HostID, m.Owner))
	if done {
		res.Done, res.Lease = true, &l
	}
	return res, err
}

// heartbeatShared renews the lease m matches in s (its keep-alive) and
// records a HEARTBEAT event for it, as the file journal does, so liveness
// reads the same heartbeat age on both backends; when the lease's newest
// stamp (its grant, or its newest HEARTBEAT event) is younger than
// coalesce, the renewal is all. A lease that lapsed is reported not done
// (its holder must stop writing).
func (sh *laneShell) heartbeatShared(ctx context.Context, s store.Store, m leaselane.Match, coalesce time.Duration) (leaselane.OpResult, error) {
	var res leaselane.OpResult
	snap, err := s.Snapshot(ctx)
	if err != nil {
		return res, err
	}
	res.Reaped = snap.Reaped
	l, ok := m.Find(snap.Live)
	if !ok {
		for _, r := range snap.Reaped {
			res.Expired = res.Expired || (r.Lane == m.Lane && r.Holder == m.Owner)
		}
		return res, nil
	}
	done, err := s.Heartbeat(ctx, l.LeaseID, l.Holder)
	if err != nil || !done {
		return res, err
	}
	res.Done, res.Lease = true, &l
	young, err := sh.stampedWithin(ctx, s, l, coalesce)
	if err != nil || young {
		return res, err
	}
	res.Seq, err = s.Append(ctx, lease.HeartbeatOf(l, sh.cfg.HostID, sh.now))
	return res, err
}

// stampedWithin reports whether l's newest stamp in s is younger than d:
// its grant's, else its newest HEARTBEAT event's (read from the journal
// only when the grant is older than d).
func (sh *laneShell) stampedWithin(ctx context.Context, s store.Store, l lease.Lease, d time.Duration) (bool, error) {
	if d <= 0 {
		return false, nil
	}
	if t, ok := lease.NewestStamp(l); ok && sh.now.Sub(t) < d {
		return true, nil
	}
	rp, err := s.Replay(ctx)
	if err != nil {
		return false, err
	}
	for _, cur := range rp.Live {
		if cur.ID() == l.ID() {
			t, ok := lease.NewestStamp(cur)
			return ok && sh.now.Sub(t) < d, nil
		}
	}
	return false, nil
}

// sharedStore is the [fleet] store when the workspace names one (ids and
// the archive lock are then cluster-wide, whatever DISPATCH_ID_ALLOC_DIR
// or DISPATCH_ARCHIVE_LOCK_PATH says); nil outside a workspace or with the
// file journal.
func sharedStore(env *call.Env) (store.Store, error) {
	ws, err := env.Workspace()
	if err != nil {
		return nil, nil
	}
	return backend.Fleet(ws.Config.Fleet, env.Getenv, leaselane.HostID(env.Getenv))
}
