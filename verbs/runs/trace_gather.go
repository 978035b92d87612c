package runs

import (
	"context"
	"fmt"

	"github.com/go-git/go-git/v5/plumbing"

	"github.com/dispatchos/dos/kernel/lease"
	"github.com/dispatchos/dos/kernel/liveness"
	"github.com/dispatchos/dos/witness/git"
	"github.com/dispatchos/dos/workspace"
)

// traceWAL attributes ws's lease events (the lane journal's, or a
// fleet's) to run id: REFUSE and HALT
// records that name it, and ACQUIRE, RELEASE, HEARTBEAT and SCAVENGE
// records on a lease identity one of its ACQUIREs established.
func traceWAL(ctx context.Context, ws *workspace.Workspace, getenv func(string) string, id string) (TraceWAL, error) {
	w := TraceWAL{LeaseEvents: []TraceEvent{}}
	var recs []lease.Record
	if err := leaseRecords(ctx, ws, getenv, nil, func(r lease.Record) { recs = append(recs, r) }); err != nil {
		return w, err
	}
	mine := map[lease.Identity]bool{}
	for _, r := range recs {
		if r.Op != lease.OpAcquire {
			continue
		}
		rid := r.RunID
		if r.Lease != nil && r.Lease.RunID != "" {
			rid = r.Lease.RunID
		}
		switch {
		case rid == "":
			w.UnattributedAcquires++
		case rid == id:
			mine[liveness.RecordIdentity(r)] = true
		}
	}
	for _, r := range recs {
		by := ""
		switch r.Op {
		case lease.OpRefuse, lease.OpHalt:
			if r.RunID == id {
				by = "entry.run_id"
			}
		case lease.OpAcquire, lease.OpRelease, lease.OpHeartbeat, lease.OpScavenge:
			if mine[liveness.RecordIdentity(r)] {
				by = "lease.run_id"
			}
		}
		if by == "" {
			continue
		}
		id := liveness.RecordIdentity(r)
		w.LeaseEvents = append(w.LeaseEvents, TraceEvent{Op: r.Op, Lane: id.Lane, LoopTS: id.LoopTS, TS: r.TS,
			Reason: r.Reason, ReasonClass: r.ReasonClass, AttributedBy: by})
	}
	return w, nil
}

// commitsSince lists start..HEAD, newest first, with short shas and
// subjects.
func commitsSince(ws *workspace.Workspace, start string) ([]TraceCommit, error) {
	repo, err := git.OpenDirs(ws.GitDir, ws.CommonDir, ws.CheckoutRoot)
	if err != nil {
		return nil, fmt.Errorf("cannot read the git repository: %w", err)
	}
	head, err := repo.Resolve("HEAD")
	if err != nil {
		return nil, nil
	}
	from, err := repo.Resolve(start)
	if err != nil {
		return nil, nil
	}
	cs, err := repo.CommitsBetween(from, head, 0)
	if err != nil {
		return nil, fmt.Errorf("read history: %w", err)
	}
	hs := make([]plumbing.Hash, len(cs))
	for i, c := range cs {
		hs[i] = c.Hash
	}
	short, err := repo.ShortHashes(hs)
	if err != nil {
		return nil, err
	}
	out := make([]TraceCommit, len(cs))
	for i, c := range cs {
		out[i] = TraceCommit{SHA: short[c.Hash], Subject: git.Subject(c)}
	}
	return out, nil
}
