package etcdstore

import (
	"context"
	"fmt"
	"math"
	"strconv"

	clientv3 "go.etcd.io/etcd/client/v3"

	"github.com/dispatchos/dos/state/idalloc"
	"github.com/dispatchos/dos/state/store"
)

// idAttempts bounds the CAS rounds of one allocation.
const idAttempts = 64

// PeekID reads ids/<scope>.
func (s *Store) PeekID(ctx context.Context, scope string) (int64, bool, error) {
	c, cancel := s.op(ctx)
	defer cancel()
	resp, err := s.cli.Get(c, s.key("ids/", scope))
	if err != nil {
		return 0, false, s.unavailable("read id scope "+scope, err)
	}
	if len(resp.Kvs) == 0 {
		return 0, false, nil
	}
	n, err := strconv.ParseInt(string(resp.Kvs[0].Value), 10, 64)
	if err != nil {
		return 0, false, fmt.Errorf("etcd id scope %s: %w", scope, err)
	}
	return n, true, nil
}

// AllocID is a CAS loop on ids/<scope>: create it with start when absent,
// else write the last id plus one if nobody wrote it since it was read.
func (s *Store) AllocID(ctx context.Context, scope string, start int64) (int64, error) {
	k := s.key("ids/", scope)
	for range idAttempts {
		c, cancel := s.op(ctx)
		resp, err := s.cli.Get(c, k)
		cancel()
		if err != nil {
			return 0, s.unavailable("read id scope "+scope, err)
		}
		next, cmp := start, clientv3.Compare(clientv3.CreateRevision(k), "=", 0)
		if len(resp.Kvs) == 1 {
			cur, err := strconv.ParseInt(string(resp.Kvs[0].Value), 10, 64)
			if err != nil {
				return 0, fmt.Errorf("etcd id scope %s: %w", scope, err)
			}
			if cur == math.MaxInt64 {
				return 0, fmt.Errorf("id-alloc %s: %w", scope, idalloc.ErrExhausted)
			}
			next, cmp = cur+1, clientv3.Compare(clientv3.ModRevision(k), "=", resp.Kvs[0].ModRevision)
		}
		c, cancel = s.op(ctx)
		tr, err := s.cli.Txn(c).If(cmp).Then(clientv3.OpPut(k, strconv.FormatInt(next, 10))).Commit()
		cancel()
		if err != nil {
			return 0, s.unavailable("allocate in id scope "+scope, err)
		}
		if tr.Succeeded {
			return next, nil
		}
	}
	return 0, fmt.Errorf("id-alloc %s: %w", scope, store.ErrBusy)
}
