package etcdstore

import (
	"context"
	"encoding/json"
	"fmt"
	"sort"
	"time"

	clientv3 "go.etcd.io/etcd/client/v3"

	"github.com/dispatchos/dos/state/store"
)

// Append writes recs in one transaction; seq is its revision.
func (s *Store) Append(ctx context.Context, recs ...store.Record) (int64, error) {
	ops := make([]clientv3.Op, 0, len(recs))
	now := time.Now()
	for _, r := range recs {
		b, err := json.Marshal(r)
		if err != nil {
			return 0, err
		}
		ops = append(ops, clientv3.OpPut(s.eventKey(now), string(b)))
	}
	c, cancel := s.op(ctx)
	defer cancel()
	resp, err := s.cli.Txn(c).Then(ops...).Commit()
	if err != nil {
		return 0, s.unavailable("append an event", err)
	}
	return resp.Header.Revision, nil
}

// Events reads every journal key, ordered by the revision that wrote it
// (keys written by one transaction by key).
func (s *Store) Events(ctx context.Context) ([]store.Event, error) {
	c, cancel := s.op(ctx)
	defer cancel()
	resp, err := s.cli.Get(c, s.key("journal/"), clientv3.WithPrefix())
	if err != nil {
		return nil, s.unavailable("read events", err)
	}
	out := make([]store.Event, 0, len(resp.Kvs))
	for _, kv := range resp.Kvs {
		var r store.Record
		if err := json.Unmarshal(kv.Value, &r); err != nil {
			return nil, fmt.Errorf("etcd key %s: %w", kv.Key, err)
		}
		out = append(out, store.Event{Seq: kv.ModRevision, Record: r})
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Seq < out[j].Seq })
	return out, nil
}
