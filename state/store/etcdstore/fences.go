package etcdstore

import (
	"context"

	clientv3 "go.etcd.io/etcd/client/v3"

	"github.com/dispatchos/dos/state/store"
)

// Fences reads lease/ like Live; each lease's generation is the revision
// that created its key (what CommitGrant returned), which no later write
// to the cluster can repeat.
func (s *Store) Fences(ctx context.Context) ([]store.Fence, error) {
	c, cancel := s.op(ctx)
	defer cancel()
	resp, err := s.cli.Get(c, s.key("lease/"), clientv3.WithPrefix(), clientv3.WithSort(clientv3.SortByCreateRevision, clientv3.SortAscend))
	if err != nil {
		return nil, s.unavailable("read leases", err)
	}
	out := make([]store.Fence, 0, len(resp.Kvs))
	for _, kv := range resp.Kvs {
		e, err := decode(kv)
		if err != nil {
			return nil, err
		}
		out = append(out, store.Fence{Lease: e.Lease, Generation: kv.CreateRevision})
	}
	return out, nil
}
