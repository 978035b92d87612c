package filestore

import (
	"bytes"
	"context"
	"errors"
	"fmt"

	"github.com/dispatchos/dos/kernel/lease"
	"github.com/dispatchos/dos/state/journal"
	"github.com/dispatchos/dos/state/lock"
	"github.com/dispatchos/dos/state/store"
)

// Tail reads the journal's last n lines without locking; a line that is
// not a record comes back as its _CORRUPT sentinel, a torn final line not
// at all.
func (s *Store) Tail(_ context.Context, n int) ([]store.Event, error) {
	lines, _, err := s.J.Tail(n)
	if err != nil {
		return nil, err
	}
	out := make([]store.Event, 0, len(lines))
	for _, l := range lines {
		raw, err := l.Stored()
		if err != nil {
			return nil, err
		}
		out = append(out, store.Event{Record: l.Record, Line: bytes.Clone(raw)})
	}
	return out, nil
}

// Export reads every record: a file journal records its heartbeats.
func (s *Store) Export(ctx context.Context) ([]store.Event, error) { return s.Tail(ctx, 0) }

// Replay folds the journal without locking (from the fold cache when it
// is valid) and writes nothing.
func (s *Store) Replay(context.Context) (store.Replay, error) {
	rp, err := s.J.Replay()
	if err != nil {
		return store.Replay{}, err
	}
	return store.Replay{
		Live: rp.State.Live(), Generations: rp.State.Generations(), Seq: rp.State.MaxSeq,
		Records: rp.State.Records, Skipped: rp.Skipped, Torn: rp.Torn,
	}, nil
}

// Source is the journal's path.
func (s *Store) Source() string { return s.J.Path }

// Seq is the largest seq in the journal, a checkpoint's watermark
// included.
func (s *Store) Seq(context.Context) (int64, error) {
	rp, err := s.J.Replay()
	if err != nil {
		return 0, err
	}
	return rp.State.MaxSeq, nil
}

// Compact rewrites the journal under its lock as one checkpoint, the
// sentinels of the lines it could not read, and the newest opts.Keep
// lines (see journal.CompactKeep).
func (s *Store) Compact(ctx context.Context, opts store.CompactOptions) (store.CompactResult, error) {
	if opts.Keep < 0 {
		return store.CompactResult{}, store.ErrNegativeKeep
	}
	r, err := s.J.CompactKeep(ctx, s.Wait, opts.Archive, opts.Keep)
	if errors.Is(err, lock.ErrBusy) { // other errors name the file already
		return r, lockErr(err)
	}
	return r, err
}

// Import appends an export to the journal in one write under its lock.
// The target's leases that expired are scavenged first; live ones refuse
// the import unless in.Force, which scavenges them too. The records keep
// every field but seq (numbered on from the journal's); a SCAVENGE follows
// for each lease of the export that expired since. An import whose
// records already stand in the journal, in order, is not repeated.
func (s *Store) Import(ctx context.Context, in store.ImportInput) (store.ImportResult, error) {
	plan, err := store.PlanImport(in.Lines, s.Expiry, in.Now)
	if err != nil {
		return store.ImportResult{}, err
	}
	res := store.ImportResult{Digest: plan.Digest}
	if len(plan.Records) == 0 {
		return res, nil
	}
	tx, err := s.J.Begin(ctx, s.Wait, in.Now)
	if err != nil {
		return res, lockErr(err)
	}
	defer tx.Close()
	lines, _, err := s.J.Lines()
	if err != nil {
		return res, err
	}
	if holds(lines, plan.Lines) {
		res.Already = true
		return res, nil
	}
	live, expired := s.Expiry.Split(tx.Live(), in.Now)
	if len(live) > 0 && !in.Force {
		res.Blocking = live
		return res, nil
	}
	res.Replaced = live
	var recs []map[string]any
	for _, e := range lease.Scavenges(expired, s.HostID) {
		recs = append(recs, entryMap(e))
	}
	for _, e := range lease.Scavenges(live, s.HostID) {
		m := entryMap(e)
		m["reason"] = "fleet-import --force"
		recs = append(recs, m)
	}
	recs = append(recs, plan.Records...)
	for _, e := range lease.Scavenges(plan.Expired, s.HostID) {
		recs = append(recs, entryMap(e))
	}
	if _, err := tx.Append(recs...); err != nil {
		return res, fmt.Errorf("journal write failed, nothing imported: %w", err)
	}
	res.Records, res.Carried, res.Expired = len(plan.Records), plan.Carried, plan.Expired
	return res, nil
}

// entryMap is a kernel-decided record as a map, without seq and ts (the
// journal stamps them).
func entryMap(e lease.Entry) map[string]any {
	b, _ := journal.EncodeRecord(e)
	m, _ := store.DecodeObject(b)
	delete(m, "seq")
	delete(m, "ts")
	return m
}

// holds reports whether want, normalised records, stand in lines as one
// run in order.
func holds(lines []journal.Line, want [][]byte) bool {
	norm := make([][]byte, len(lines))
	for i, l := range lines {
		raw, _ := l.Stored() // an imported _CORRUPT record reads back as its sentinel
		norm[i], _ = store.Normalize(raw)
	}
	for start := 0; start+len(want) <= len(lines); start++ {
		i := 0
		for i < len(want) && bytes.Equal(norm[start+i], want[i]) {
			i++
		}
		if i == len(want) {
			return true
		}
	}
	return false
}
