package leaselane

import (
	"context"
	"fmt"
	"time"

	"github.com/dispatchos/dos/kernel/admission"
	"github.com/dispatchos/dos/kernel/lease"
	"github.com/dispatchos/dos/state/journal"
	"github.com/dispatchos/dos/state/store"
)

// AcquireInput is one lease request; it is the shared store's request
// type, so a caller can hand the same input to either backend.
type AcquireInput = store.AcquireInput

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
	s, err := open(ctx, j, now, cfg, true)
	if err != nil {
		return res, err
	}
	defer s.close()
	res.Reaped = s.reaped
	d := admission.Arbitrate(in.Request, append(s.live, in.Extra...), cfg.Taxonomy, cfg.Policy)
	res.Decision = d
	rec, l := admission.Records(d, in.Request, s.live, admission.Stamping{
		RunID: in.RunID, LoopTS: in.LoopTS, HostID: cfg.HostID, PID: cfg.PID,
		TTLMinutes: in.TTLMinutes, LeaseID: store.NewLeaseID(now), Now: now,
	})
	recs, err := s.tx.AppendEntries(rec)
	if l == nil { // a refusal: a REFUSE that cannot be written is still a refusal
		if err == nil {
			res.Journaled, res.Seq = true, recs[0].Seq
		}
		return res, nil
	}
	if err != nil {
		return res, fmt.Errorf("journal write failed, lane not granted: %w", err)
	}
	res.Journaled, res.Lease, res.Seq = true, l, recs[0].Seq
	res.Generation, _ = s.tx.Fold.State.Generation(l.ID())
	return res, nil
}

// session is the journal opened for one operation: its lock held, its
// fold read, and (when asked) every expired lease already scavenged.
type session struct {
	tx     *journal.Tx
	cfg    Config
	live   []lease.Lease
	reaped []lease.Lease
}

// open is the one way a writer opens the journal: take the lock, fold,
// and, when scavenge is set, record every expired lease durably (one
// SCAVENGE each) before anything is decided. The caller closes it.
func open(ctx context.Context, j *journal.Journal, now time.Time, cfg Config, scavenge bool) (*session, error) {
	tx, err := j.Begin(ctx, cfg.Wait, now)
	if err != nil {
		return nil, err
	}
	s := &session{tx: tx, cfg: cfg, live: tx.Live()}
	if scavenge {
		if err := s.scavenge(); err != nil {
			tx.Close()
			return nil, err
		}
	}
	return s, nil
}

// scavenge journals the expiry of every expired live lease and drops them
// from the live set.
func (s *session) scavenge() error {
	live, expired := s.cfg.Expiry.Split(s.live, s.tx.Now)
	if len(expired) == 0 {
		return nil
	}
	if _, err := s.tx.AppendEntries(lease.Scavenges(expired, s.cfg.HostID)...); err != nil {
		return fmt.Errorf("journal write failed while recording expired leases: %w", err)
	}
	s.live, s.reaped = live, expired
	return nil
}

func (s *session) close() { s.tx.Close() }
