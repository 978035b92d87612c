package etcdstore

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"go.etcd.io/etcd/api/v3/mvccpb"
	clientv3 "go.etcd.io/etcd/client/v3"

	"github.com/dispatchos/dos/kernel/lease"
	"github.com/dispatchos/dos/state/journal"
	"github.com/dispatchos/dos/state/store"
)

// The journal on etcd is the checkpoint key (written by compaction: a
// CHECKPOINT record whose seq_watermark is the last revision it folded)
// followed by every journal/ event written after that revision, in
// revision order. An event at or below the watermark is folded into the
// checkpoint: readers skip it, and compaction deletes it.

// view is the journal as read at one revision.
type view struct {
	// cp is the checkpoint key (nil when the journal was never
	// compacted); cut is its watermark.
	cp  *mvccpb.KeyValue
	cut int64
	// events are the journal/ keys after cut in revision order (keys
	// written by one transaction in key order); stale those at or below
	// it that are not deleted yet.
	events, stale []*mvccpb.KeyValue
	// leases are the lease/ keys, when asked for.
	leases []*mvccpb.KeyValue
}

// read reads the checkpoint and the events (and lease/ with leases) at
// one revision.
func (s *Store) read(ctx context.Context, leases bool) (view, error) {
	var v view
	ops := []clientv3.Op{clientv3.OpGet(s.key("checkpoint")), clientv3.OpGet(s.key("journal/"), clientv3.WithPrefix())}
	if leases {
		ops = append(ops, clientv3.OpGet(s.key("lease/"), clientv3.WithPrefix()))
	}
	c, cancel := s.op(ctx)
	defer cancel()
	resp, err := s.cli.Txn(c).Then(ops...).Commit()
	if err != nil {
		return v, s.unavailable("read the journal", err)
	}
	if kvs := resp.Responses[0].GetResponseRange().Kvs; len(kvs) == 1 {
		v.cp = kvs[0]
		r, err := lease.DecodeRecord(v.cp.Value)
		if err != nil {
			return v, fmt.Errorf("etcd key %s: %w", v.cp.Key, err)
		}
		v.cut = r.SeqWatermark
	}
	all := resp.Responses[1].GetResponseRange().Kvs
	sort.SliceStable(all, func(i, j int) bool { return all[i].ModRevision < all[j].ModRevision })
	for _, kv := range all {
		if kv.ModRevision <= v.cut {
			v.stale = append(v.stale, kv)
		} else {
			v.events = append(v.events, kv)
		}
	}
	if leases {
		v.leases = resp.Responses[2].GetResponseRange().Kvs
	}
	return v, nil
}

// readRecords is [Store.read] and the view's [view.records].
func (s *Store) readRecords(ctx context.Context, leases bool) (view, []store.Event, error) {
	v, err := s.read(ctx, leases)
	if err != nil {
		return v, nil, err
	}
	evs, err := v.records()
	return v, evs, err
}

// seq is the view's high-water mark.
func (v view) seq() int64 {
	if n := len(v.events); n > 0 {
		return v.events[n-1].ModRevision
	}
	return v.cut
}

// records is the journal as events: the checkpoint, then each event with
// its revision as seq.
func (v view) records() ([]store.Event, error) {
	out := make([]store.Event, 0, len(v.events)+1)
	if v.cp != nil {
		e, err := eventOf(v.cp.Value, 0, 0)
		if err != nil {
			return nil, fmt.Errorf("etcd key %s: %w", v.cp.Key, err)
		}
		out = append(out, e)
	}
	for _, kv := range v.events {
		e, err := eventOf(kv.Value, kv.ModRevision, len(out))
		if err != nil {
			return nil, fmt.Errorf("etcd key %s: %w", kv.Key, err)
		}
		out = append(out, e)
	}
	return out, nil
}

// eventOf is a stored value as a journal record with seq set (none for a
// CHECKPOINT, or with seq 0). A value that is not a JSON object becomes a
// _CORRUPT sentinel, as a file journal's bad line does (idx is its
// position in the journal, 0-based).
func eventOf(value []byte, seq int64, idx int) (store.Event, error) {
	m, err := store.DecodeObject(value)
	if err != nil {
		m = journal.SentinelOf(idx, value)
	} else if seq > 0 && m["op"] != lease.OpCheckpoint {
		m["seq"] = seq
	}
	b, err := journal.EncodeRecord(m)
	if err != nil {
		return store.Event{}, err
	}
	r, err := lease.DecodeRecord(b)
	if err != nil {
		return store.Event{}, err
	}
	return store.Event{Record: r, Line: b}, nil
}

// Events reads the journal: the checkpoint, then every event after it,
// in write order, Seq set to the revision that wrote it.
func (s *Store) Events(ctx context.Context) ([]lease.Record, error) {
	_, evs, err := s.readRecords(ctx, false)
	if err != nil {
		return nil, err
	}
	out := make([]lease.Record, len(evs))
	for i, e := range evs {
		out[i] = e.Record
	}
	return out, nil
}

// Tail reads the journal's newest n records (every one for n <= 0).
func (s *Store) Tail(ctx context.Context, n int) ([]store.Event, error) {
	_, evs, err := s.readRecords(ctx, false)
	if err != nil {
		return nil, err
	}
	if n > 0 && len(evs) > n {
		evs = evs[len(evs)-n:]
	}
	return evs, nil
}

// Seq is the revision of the newest event, or the checkpoint's watermark
// when no event came after it.
func (s *Store) Seq(ctx context.Context) (int64, error) {
	c, cancel := s.op(ctx)
	defer cancel()
	resp, err := s.cli.Txn(c).Then(
		clientv3.OpGet(s.key("checkpoint")),
		clientv3.OpGet(s.key("journal/"), clientv3.WithPrefix(), clientv3.WithSort(clientv3.SortByModRevision, clientv3.SortDescend), clientv3.WithLimit(1), clientv3.WithKeysOnly()),
	).Commit()
	if err != nil {
		return 0, s.unavailable("read the journal's seq", err)
	}
	var seq int64
	if kvs := resp.Responses[0].GetResponseRange().Kvs; len(kvs) == 1 {
		r, err := lease.DecodeRecord(kvs[0].Value)
		if err != nil {
			return 0, fmt.Errorf("etcd key %s: %w", kvs[0].Key, err)
		}
		seq = r.SeqWatermark
	}
	if kvs := resp.Responses[1].GetResponseRange().Kvs; len(kvs) == 1 {
		seq = max(seq, kvs[0].ModRevision)
	}
	return seq, nil
}

// Replay folds the checkpoint and the events after it. A live lease's
// generation is the revision that created its lease key (its fencing
// generation); for one whose key is gone (expired, not yet scavenged), the
// revision of its ACQUIRE.
func (s *Store) Replay(ctx context.Context) (store.Replay, error) {
	v, evs, err := s.readRecords(ctx, true)
	if err != nil {
		return store.Replay{}, err
	}
	live, gens, err := s.fold(evs, v.leases)
	if err != nil {
		return store.Replay{}, err
	}
	return store.Replay{Live: live, Generations: gens, Seq: v.seq(), Records: len(evs)}, nil
}

// fold is the live set of evs and the generation of each live lease.
func (s *Store) fold(evs []store.Event, leases []*mvccpb.KeyValue) ([]lease.Lease, []lease.Generation, error) {
	st := &lease.State{}
	gen := map[lease.Identity]int64{}
	for _, e := range evs {
		r := e.Record
		st.Apply(r)
		id := lease.Identity{LoopTS: r.LoopTS, Lane: r.Lane}
		if r.Lease != nil {
			id = r.Lease.ID()
		}
		switch r.Op {
		case lease.OpCheckpoint:
			clear(gen)
			for _, g := range r.Generations {
				gen[lease.Identity{LoopTS: g.LoopTS, Lane: g.Lane}] = g.Generation
			}
		case lease.OpAcquire, lease.OpReconcile:
			gen[id] = r.Seq
		}
	}
	for _, kv := range leases {
		e, err := decode(kv)
		if err != nil {
			return nil, nil, err
		}
		gen[e.Lease.ID()] = kv.CreateRevision
	}
	live := st.Live()
	gens := make([]lease.Generation, 0, len(live))
	for _, l := range live {
		gens = append(gens, lease.Generation{LoopTS: l.LoopTS, Lane: l.Lane, Generation: gen[l.ID()]})
	}
	return live, gens, nil
}

// Source names the journal: "etcd", the endpoints and its key prefix.
func (s *Store) Source() string {
	return "etcd " + strings.Join(s.cfg.Endpoints, ",") + " " + s.key("journal/")
}
