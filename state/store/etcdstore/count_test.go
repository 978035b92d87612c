//go:build etcd

package etcdstore

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"sync"

	clientv3 "go.etcd.io/etcd/client/v3"
)

// requests counts the requests a Store sends, by kind: "read" and "write"
// transactions (a write is one that puts or deletes), get, put, delete,
// grant, keepalive, revoke.
type requests struct {
	mu sync.Mutex
	n  map[string]int
}

func (r *requests) add(kind string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.n[kind]++
}

// take returns the counts as "kind=n ..." (sorted) and resets them.
func (r *requests) take() string {
	r.mu.Lock()
	defer r.mu.Unlock()
	var out []string
	for k, v := range r.n {
		out = append(out, fmt.Sprintf("%s=%d", k, v))
	}
	sort.Strings(out)
	r.n = map[string]int{}
	return strings.Join(out, " ")
}

// countRequests wraps s's client so that every request it sends is counted.
func countRequests(s *Store) *requests {
	r := &requests{n: map[string]int{}}
	s.cli.KV = countKV{KV: s.cli.KV, r: r}
	s.cli.Lease = countLease{Lease: s.cli.Lease, r: r}
	return r
}

type countKV struct {
	clientv3.KV
	r *requests
}

func (k countKV) Get(ctx context.Context, key string, opts ...clientv3.OpOption) (*clientv3.GetResponse, error) {
	k.r.add("get")
	return k.KV.Get(ctx, key, opts...)
}

func (k countKV) Put(ctx context.Context, key, val string, opts ...clientv3.OpOption) (*clientv3.PutResponse, error) {
	k.r.add("put")
	return k.KV.Put(ctx, key, val, opts...)
}

func (k countKV) Delete(ctx context.Context, key string, opts ...clientv3.OpOption) (*clientv3.DeleteResponse, error) {
	k.r.add("delete")
	return k.KV.Delete(ctx, key, opts...)
}

func (k countKV) Txn(ctx context.Context) clientv3.Txn {
	return &countTxn{Txn: k.KV.Txn(ctx), r: k.r}
}

type countTxn struct {
	clientv3.Txn
	r     *requests
	write bool
}

func (t *countTxn) ops(ops []clientv3.Op) {
	for _, o := range ops {
		t.write = t.write || o.IsPut() || o.IsDelete()
	}
}

func (t *countTxn) If(cs ...clientv3.Cmp) clientv3.Txn { t.Txn = t.Txn.If(cs...); return t }

func (t *countTxn) Then(ops ...clientv3.Op) clientv3.Txn {
	t.ops(ops)
	t.Txn = t.Txn.Then(ops...)
	return t
}

func (t *countTxn) Else(ops ...clientv3.Op) clientv3.Txn {
	t.ops(ops)
	t.Txn = t.Txn.Else(ops...)
	return t
}

func (t *countTxn) Commit() (*clientv3.TxnResponse, error) {
	if t.write {
		t.r.add("write")
	} else {
		t.r.add("read")
	}
	return t.Txn.Commit()
}

type countLease struct {
	clientv3.Lease
	r *requests
}

func (l countLease) Grant(ctx context.Context, ttl int64) (*clientv3.LeaseGrantResponse, error) {
	l.r.add("grant")
	return l.Lease.Grant(ctx, ttl)
}

func (l countLease) Revoke(ctx context.Context, id clientv3.LeaseID) (*clientv3.LeaseRevokeResponse, error) {
	l.r.add("revoke")
	return l.Lease.Revoke(ctx, id)
}

func (l countLease) KeepAliveOnce(ctx context.Context, id clientv3.LeaseID) (*clientv3.LeaseKeepAliveResponse, error) {
	l.r.add("keepalive")
	return l.Lease.KeepAliveOnce(ctx, id)
}
