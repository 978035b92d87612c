package runs

import (
	"context"
	"time"

	"github.com/dispatchos/dos/kernel/lease"
	"github.com/dispatchos/dos/state/journal"
	"github.com/dispatchos/dos/state/journal/leaselane"
	"github.com/dispatchos/dos/state/store"
	"github.com/dispatchos/dos/state/store/backend"
	"github.com/dispatchos/dos/workspace"
)

// The run verbs read lease state from the lane journal, or, when
// dos.toml's [fleet] names a shared store (etcd), from that store: a
// fleet member's own .dos/ holds none. A store that cannot be reached is
// an error naming its endpoints, never an empty answer.

// fleetStore opens ws's [fleet] store; nil when ws uses the file journal.
func fleetStore(ws *workspace.Workspace, getenv func(string) string) (store.Store, error) {
	return backend.Fleet(ws.Config.Fleet, getenv, leaselane.HostID(getenv))
}

// leaseRecords calls fn with every lease-journal record of ws that may
// name one of needles (all of them on a fleet, whose events are read
// whole): the journal's lines, or the fleet's events.
func leaseRecords(ctx context.Context, ws *workspace.Workspace, getenv func(string) string, needles [][]byte, fn func(lease.Record)) error {
	s, err := fleetStore(ws, getenv)
	if err != nil {
		return err
	}
	if s == nil {
		return journal.ForWorkspace(ws, getenv).Matching(needles, fn)
	}
	defer s.Close()
	recs, err := s.Events(ctx)
	if err != nil {
		return err
	}
	for _, r := range recs {
		fn(r)
	}
	return nil
}

// liveLeases is ws's live leases with expiry applied at now.
func liveLeases(ctx context.Context, ws *workspace.Workspace, getenv func(string) string, now int64) ([]lease.Lease, error) {
	s, err := fleetStore(ws, getenv)
	if err != nil {
		return nil, err
	}
	if s == nil {
		return leaselane.Live(journal.ForWorkspace(ws, getenv), time.UnixMilli(now).UTC(), leaselane.FromWorkspace(ws, getenv))
	}
	defer s.Close()
	return s.Live(ctx)
}
