package leaselane

import (
	"context"
	"crypto/rand"
	"encoding/binary"
	"fmt"
	"time"

	"github.com/dispatchos/dos/kernel/admission"
	"github.com/dispatchos/dos/kernel/lease"
	"github.com/dispatchos/dos/kernel/runid"
	"github.com/dispatchos/dos/state/journal"
)

// AcquireInput is one lease request.
type AcquireInput struct {
	Request admission.Request
	RunID   string
	// LoopTS names the lease; empty means now (or, when the owner already
	// holds the granted lane, that lease's loop_ts, so a re-acquire
	// refreshes the lease instead of doubling it).
	LoopTS string
	// TTLMinutes is stamped on the lease.
	TTLMinutes float64
	// Extra leases are added to the journal's live set (union).
	Extra []lease.Lease
}

// AcquireResult is the decision and what was written.
type AcquireResult struct {
	Decision admission.Decision
	// Journaled is true when the ACQUIRE (or REFUSE) record is on disk.
	Journaled bool
	// Lease is the granted lease; nil on refusal.
	Lease *lease.Lease
	// Seq is the seq of the record written (0 if none).
	Seq int64
	// Generation is the granted lease's fencing generation.
	Generation int64
	// Reaped lists the expired leases scavenged before deciding.
	Reaped []lease.Lease
}

// Acquire decides a request inside the journal lock and journals it. An
// ACQUIRE that cannot be written is an error (never a grant); a REFUSE
// that cannot be written leaves Journaled false.
func Acquire(ctx context.Context, j *journal.Journal, now time.Time, cfg Config, in AcquireInput) (AcquireResult, error) {
	var res AcquireResult
	tx, err := j.Begin(ctx, cfg.Wait, now)
	if err != nil {
		return res, err
	}
	defer tx.Close()
	live, err := reap(tx, cfg, &res.Reaped)
	if err != nil {
		return res, err
	}
	d := admission.Arbitrate(in.Request, append(live, in.Extra...), cfg.Taxonomy, cfg.Policy)
	res.Decision = d
	owner := in.Request.Owner
	if !d.Granted() {
		recs, err := tx.Append(map[string]any{
			"op": lease.OpRefuse, "lane": in.Request.Lane, "loop_ts": in.LoopTS, "host_id": cfg.HostID,
			"run_id": in.RunID, "holder": owner, "reason": d.Reason, "reason_class": d.ReasonClass,
		})
		if err == nil {
			res.Journaled, res.Seq = true, recs[0].Seq
		}
		return res, nil
	}
	loop := in.LoopTS
	if loop == "" {
		loop = lease.FormatStamp(now)
		for _, l := range live {
			if l.Lane == d.Lane && l.Holder == owner && owner != "" {
				loop = l.LoopTS
			}
		}
	}
	l := lease.Lease{
		Lane: d.Lane, LaneKind: d.LaneKind, Tree: d.Tree, LoopTS: loop, HostID: cfg.HostID, PID: cfg.PID,
		Holder: owner, AcquiredAt: lease.FormatStamp(now), RunID: in.RunID, TTLMinutes: in.TTLMinutes,
		LeaseID: NewLeaseID(now),
	}
	if l.Tree == nil {
		l.Tree = []string{}
	}
	rec := map[string]any{
		"op": lease.OpAcquire, "lane": l.Lane, "lane_kind": l.LaneKind, "tree": l.Tree, "loop_ts": l.LoopTS,
		"host_id": l.HostID, "pid": l.PID, "ttl_minutes": l.TTLMinutes, "prev_holder": nil,
		"reason": "lane-lease:" + owner, "lease": l, "lease_id": l.LeaseID,
	}
	recs, err := tx.Append(rec)
	if err != nil {
		return res, fmt.Errorf("journal write failed, lane not granted: %w", err)
	}
	res.Journaled, res.Lease, res.Seq = true, &l, recs[0].Seq
	res.Generation, _ = tx.Fold.State.Generation(l.ID())
	return res, nil
}

// reap scavenges every expired live lease (one durable SCAVENGE each,
// reason "ttl-expired") and returns the leases still live.
func reap(tx *journal.Tx, cfg Config, reaped *[]lease.Lease) ([]lease.Lease, error) {
	live, expired := cfg.Expiry.Split(tx.Live(), tx.Now)
	if len(expired) == 0 {
		return live, nil
	}
	recs := make([]map[string]any, 0, len(expired))
	for _, l := range expired {
		recs = append(recs, map[string]any{
			"op": lease.OpScavenge, "lane": l.Lane, "loop_ts": l.LoopTS, "host_id": cfg.HostID,
			"pid": l.PID, "prev_holder": l.Holder, "reason": "ttl-expired",
		})
	}
	if _, err := tx.Append(recs...); err != nil {
		return nil, fmt.Errorf("journal write failed while recording expired leases: %w", err)
	}
	*reaped = expired
	return live, nil
}

// NewLeaseID mints a unique lease id (a run-id style token).
func NewLeaseID(now time.Time) string {
	var b [4]byte
	rand.Read(b[:])
	return runid.New(now, binary.BigEndian.Uint32(b[:]))
}
