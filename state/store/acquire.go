package store

import (
	"context"
	"fmt"
	"math/rand/v2"
	"slices"
	"time"

	"github.com/dispatchos/dos/kernel/admission"
	"github.com/dispatchos/dos/kernel/lease"
	"github.com/dispatchos/dos/kernel/runid"
)

// DefaultAttempts is how often [Acquire] re-reads and re-decides after
// losing a compare-and-swap race, at least, before it gives up.
const DefaultAttempts = 8

// Config is the admission rules and this process's identity.
type Config struct {
	Taxonomy admission.Taxonomy
	Policy   admission.Policy
	// HostID and PID are stamped on the leases and records written.
	HostID string
	PID    int
	// Attempts is the least number of decide-and-commit rounds before a
	// lost race gives up; 0 means DefaultAttempts.
	Attempts int
	// Wait is how long lost races go on being retried (after a short,
	// random, growing pause) once Attempts rounds are spent: the file
	// journal's --wait for its lock, so a busy fleet answers LOCK_BUSY
	// only when the wait runs out, as a busy journal does.
	Wait time.Duration
}

// AcquireInput is one lease request.
type AcquireInput struct {
	Request admission.Request
	RunID   string
	// LoopTS names the lease; empty means now (or the loop_ts of the
	// owner's live lease on the granted lane, so a re-acquire keeps it).
	LoopTS string
	// TTLMinutes is stamped on the lease; a backend whose leases expire by
	// themselves uses it as the expiry.
	TTLMinutes float64
	// Extra leases join the store's live set for this decision only.
	Extra []lease.Lease
}

// AcquireResult is the decision and what was written.
type AcquireResult struct {
	Decision admission.Decision
	// Journaled is true when the ACQUIRE (or REFUSE) record was written.
	Journaled bool
	// Lease is the granted lease; nil on refusal.
	Lease *lease.Lease
	// Seq is the seq of the record written: the ACQUIRE of a grant, or the
	// REFUSE of a refusal.
	Seq int64
	// Generation is the granted lease's fencing generation.
	Generation int64
	// Attempts counts the decide-and-commit rounds.
	Attempts int
	// Reaped lists the expired leases scavenged by the reads.
	Reaped []lease.Lease
}

// Acquire decides in on a snapshot of s and commits the grant if the
// snapshot is still current, retrying a lost race at least cfg.Attempts
// times and for as long as cfg.Wait allows. A refusal is journaled best
// effort (Journaled tells). Any backend error is returned wrapped and is
// never a grant; a race lost on every attempt is [ErrBusy].
func Acquire(ctx context.Context, s Store, now time.Time, cfg Config, in AcquireInput) (AcquireResult, error) {
	var res AcquireResult
	attempts := cfg.Attempts
	if attempts <= 0 {
		attempts = DefaultAttempts
	}
	deadline := time.Now().Add(cfg.Wait)
	for res.Attempts < attempts || time.Now().Before(deadline) {
		if res.Attempts > 0 && !Pause(ctx, res.Attempts) {
			break
		}
		res.Attempts++
		snap, err := s.Snapshot(ctx)
		if err != nil {
			return res, fmt.Errorf("lane not granted: %w", err)
		}
		res.Reaped = append(res.Reaped, snap.Reaped...)
		d := admission.Arbitrate(in.Request, slices.Concat(snap.Live, in.Extra), cfg.Taxonomy, cfg.Policy)
		res.Decision = d
		e, l := admission.Records(d, in.Request, snap.Live, admission.Stamping{
			RunID: in.RunID, LoopTS: in.LoopTS, HostID: cfg.HostID, PID: cfg.PID,
			TTLMinutes: in.TTLMinutes, LeaseID: NewLeaseID(now), Now: now,
		})
		if l == nil { // a REFUSE that cannot be written is still a refusal
			seq, err := s.Append(ctx, e)
			res.Journaled, res.Seq = err == nil, seq
			return res, nil
		}
		g, ok, err := s.CommitGrant(ctx, snap.Token, *l, e)
		if err != nil {
			return res, fmt.Errorf("lane not granted: %w", err)
		}
		if ok {
			res.Journaled, res.Lease, res.Generation, res.Seq = true, l, g.Generation, g.Seq
			return res, nil
		}
	}
	return res, fmt.Errorf("lane not granted after %d attempts: %w", res.Attempts, ErrBusy)
}

// Pause waits before the next round after a lost race: a random while of
// up to 1, 2, 4, ... 64 ms as rounds (1, 2, ...) go by, so racers spread
// out. It reports false when ctx ended. A grant and an etcd compaction
// both use it.
func Pause(ctx context.Context, round int) bool {
	limit := time.Millisecond << min(round-1, 6)
	t := time.NewTimer(rand.N(limit))
	defer t.Stop()
	select {
	case <-t.C:
		return true
	case <-ctx.Done():
		return false
	}
}

// NewLeaseID mints a unique lease id (a run-id style token).
func NewLeaseID(now time.Time) string {
	return runid.New(now, rand.Uint32())
}
