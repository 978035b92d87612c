package leaselane

import (
	"context"
	"strconv"
	"time"

	"github.com/dispatchos/dos/kernel/lease"
	"github.com/dispatchos/dos/state/journal"
)

// Match selects the live lease an operation applies to.
type Match struct {
	Lane   string
	Owner  string
	LoopTS string
	// Any matches any holder (operator --force).
	Any bool
}

// find returns the newest live lease on m.Lane (exact name) with m.LoopTS
// if given and holder m.Owner (exactly, unless Any).
func (m Match) find(live []lease.Lease) (lease.Lease, bool) {
	for i := len(live) - 1; i >= 0; i-- {
		l := live[i]
		if l.Lane != m.Lane || (m.LoopTS != "" && l.LoopTS != m.LoopTS) {
			continue
		}
		if m.Any || l.Holder == m.Owner {
			return l, true
		}
	}
	return lease.Lease{}, false
}

// Find is find, for callers that hold the live set from another store.
func (m Match) Find(live []lease.Lease) (lease.Lease, bool) { return m.find(live) }

// OpResult is what release, heartbeat and halt did.
type OpResult struct {
	// Done is true when a record was written (or a heartbeat coalesced).
	Done bool
	// Lease is the lease acted on, if one matched.
	Lease *lease.Lease
	// Seq is the seq of the record written.
	Seq int64
	// Expired is true when the matched lease had expired (it was
	// scavenged, not beaten).
	Expired bool
	// Reaped lists the expired leases scavenged first.
	Reaped []lease.Lease
}

// Release appends a RELEASE for the newest matching live lease.
func Release(ctx context.Context, j *journal.Journal, now time.Time, cfg Config, m Match) (OpResult, error) {
	var res OpResult
	s, err := open(ctx, j, now, cfg, false)
	if err != nil {
		return res, err
	}
	defer s.close()
	l, ok := m.find(s.live)
	if !ok {
		return res, nil
	}
	recs, err := s.tx.AppendEntries(lease.ReleaseOf(l, cfg.HostID, m.Owner))
	if err != nil {
		return res, err
	}
	return OpResult{Done: true, Lease: &l, Seq: recs[0].Seq}, nil
}

// Heartbeat appends a HEARTBEAT for the owner's live lease. An expired
// lease is scavenged instead (a beat never resurrects it). When the
// lease's newest stamp is younger than coalesce, nothing is written and
// the beat still counts.
func Heartbeat(ctx context.Context, j *journal.Journal, now time.Time, cfg Config, m Match, coalesce time.Duration) (OpResult, error) {
	var res OpResult
	s, err := open(ctx, j, now, cfg, false)
	if err != nil {
		return res, err
	}
	defer s.close()
	m.Any = false
	l, ok := m.find(s.live)
	if !ok || m.Owner == "" {
		return res, nil
	}
	res.Lease = &l
	if cfg.Expiry.Expired(l, now) {
		res.Expired = true
		err := s.scavenge()
		res.Reaped = s.reaped
		return res, err
	}
	if t, ok := lease.NewestStamp(l); ok && coalesce > 0 && now.Sub(t) < coalesce {
		res.Done = true
		return res, nil
	}
	recs, err := s.tx.AppendEntries(lease.HeartbeatOf(l, cfg.HostID, now))
	if err != nil {
		return res, err
	}
	res.Done, res.Seq = true, recs[0].Seq
	return res, nil
}

// Reap scavenges every expired lease and returns them.
func Reap(ctx context.Context, j *journal.Journal, now time.Time, cfg Config) ([]lease.Lease, error) {
	s, err := open(ctx, j, now, cfg, true)
	if err != nil {
		return nil, err
	}
	defer s.close()
	return s.reaped, nil
}

// Live is the live set with expiry applied, read without the lock.
func Live(j *journal.Journal, now time.Time, cfg Config) ([]lease.Lease, error) {
	rp, err := j.Replay()
	if err != nil {
		return nil, err
	}
	live, _ := cfg.Expiry.Split(rp.State.Live(), now)
	if live == nil {
		live = []lease.Lease{}
	}
	return live, nil
}

// HaltInput describes a stop decision.
type HaltInput struct {
	Handle, Lane, LoopTS, Owner, Reason, RunID, Command string
}

// Halt appends a HALT record correlated to the first live lease matching
// the lane/loop_ts (or, when neither is given, whose pid is the handle).
// It removes no lease.
func Halt(ctx context.Context, j *journal.Journal, now time.Time, cfg Config, in HaltInput) (OpResult, error) {
	var res OpResult
	s, err := open(ctx, j, now, cfg, false)
	if err != nil {
		return res, err
	}
	defer s.close()
	rec, l := HaltOf(s.live, cfg.HostID, in)
	res.Lease = l
	recs, err := s.tx.Append(rec)
	if err != nil {
		return res, err
	}
	res.Done, res.Seq = true, recs[0].Seq
	return res, nil
}

// HaltOf is the HALT record of in, correlated to the first of live
// matching the lane/loop_ts (or, when neither is given, whose pid is the
// handle), and the lease it correlated to (nil for none).
func HaltOf(live []lease.Lease, hostID string, in HaltInput) (map[string]any, *lease.Lease) {
	var hit *lease.Lease
	lane, loop := in.Lane, in.LoopTS
	for _, l := range live {
		ok := false
		if in.Lane == "" && in.LoopTS == "" {
			ok = l.PID != 0 && strconv.Itoa(l.PID) == in.Handle
		} else {
			ok = (in.Lane == "" || l.Lane == in.Lane) && (in.LoopTS == "" || l.LoopTS == in.LoopTS)
		}
		if ok {
			lane, loop = l.Lane, l.LoopTS
			cp := l
			hit = &cp
			break
		}
	}
	reason := in.Reason
	if reason == "" {
		reason = "halt"
		if in.Owner != "" {
			reason = "halt:" + in.Owner
		}
	}
	return map[string]any{
		"op": lease.OpHalt, "handle": in.Handle, "lane": lane, "loop_ts": loop, "host_id": hostID,
		"run_id": in.RunID, "command": in.Command, "reason": reason,
	}, hit
}
