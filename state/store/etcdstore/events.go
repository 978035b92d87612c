package etcdstore

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	clientv3 "go.etcd.io/etcd/client/v3"

	"github.com/dispatchos/dos/kernel/lease"
)

// encode is the JSON of one event (a lease.Entry or a map record),
// stamped with ts; its seq is left 0 (the revision that writes it is
// its seq, set when read back).
func encode(r any, now time.Time) ([]byte, error) {
	ts := lease.FormatStamp(now)
	switch r := r.(type) {
	case lease.Entry:
		r.Stamp(0, ts)
	case map[string]any:
		c := make(map[string]any, len(r)+1)
		for k, v := range r {
			c[k] = v
		}
		c["ts"] = ts
		return json.Marshal(c)
	default:
		return nil, fmt.Errorf("etcd: cannot journal a %T", r)
	}
	return json.Marshal(r)
}

// Append writes recs in one transaction; seq is its revision.
func (s *Store) Append(ctx context.Context, recs ...any) (int64, error) {
	ops := make([]clientv3.Op, 0, len(recs))
	now := time.Now()
	for _, r := range recs {
		b, err := encode(r, now)
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
	for _, r := range recs {
		if hb, ok := r.(*lease.HeartbeatEntry); ok && hb.LeaseID != "" {
			s.stampBeat(ctx, hb.LeaseID, hb.HeartbeatAt)
		}
	}
	return resp.Header.Revision, nil
}
