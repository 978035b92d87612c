package etcdstore

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"go.etcd.io/etcd/api/v3/etcdserverpb"
	"go.etcd.io/etcd/api/v3/mvccpb"
	"go.etcd.io/etcd/api/v3/v3rpc/rpctypes"
	clientv3 "go.etcd.io/etcd/client/v3"

	"github.com/dispatchos/dos/kernel/lease"
	"github.com/dispatchos/dos/state/store"
)

// entry is the value of lease/<id> and held/<id>.
type entry struct {
	Lease lease.Lease `json:"lease"`
	// EtcdLease is the etcd lease the key is attached to, so a later
	// process can beat or revoke it.
	EtcdLease int64 `json:"etcd_lease"`
	// EtcdTTL is the TTL the etcd lease was granted with, in seconds, so
	// the process that releases the lease can reuse it for the same TTL.
	EtcdTTL int64 `json:"etcd_ttl,omitempty"`
}

func decode(kv *mvccpb.KeyValue) (entry, error) {
	var e entry
	if err := json.Unmarshal(kv.Value, &e); err != nil {
		return e, fmt.Errorf("etcd key %s: %w", kv.Key, err)
	}
	return e, nil
}

// snapshotOps read lease/ (in grant order), held/ and gate at one
// revision: a Snapshot, or the Else branch of a grant that lost its race.
func (s *Store) snapshotOps() []clientv3.Op {
	return []clientv3.Op{
		clientv3.OpGet(s.key("lease/"), clientv3.WithPrefix(), clientv3.WithSort(clientv3.SortByCreateRevision, clientv3.SortAscend)),
		clientv3.OpGet(s.key("held/"), clientv3.WithPrefix()),
		clientv3.OpGet(s.key("gate")),
	}
}

// Snapshot reads lease/, held/ and gate at one revision (or takes the read
// a lost grant race just returned, see CommitGrant), records one SCAVENGE
// for each held lease whose etcd lease expired, and returns the live
// leases in grant order with the gate's ModRevision as the token.
func (s *Store) Snapshot(ctx context.Context) (store.Snapshot, error) {
	rs, ok := s.fresh.take()
	if !ok {
		c, cancel := s.op(ctx)
		defer cancel()
		resp, err := s.cli.Txn(c).Then(s.snapshotOps()...).Commit()
		if err != nil {
			return store.Snapshot{}, s.unavailable("read leases", err)
		}
		rs = resp.Responses
	}
	return s.snapshotOf(ctx, rs)
}

// snapshotOf folds the responses of snapshotOps into a snapshot,
// scavenging the held leases whose lease key is gone.
func (s *Store) snapshotOf(ctx context.Context, rs []*etcdserverpb.ResponseOp) (store.Snapshot, error) {
	var snap store.Snapshot
	live := map[string]bool{}
	for _, kv := range rs[0].GetResponseRange().Kvs {
		e, err := decode(kv)
		if err != nil {
			return snap, err
		}
		live[strings.TrimPrefix(string(kv.Key), s.key("lease/"))] = true
		snap.Live = append(snap.Live, e.Lease)
	}
	var tok int64
	if g := rs[2].GetResponseRange().Kvs; len(g) == 1 {
		tok = g[0].ModRevision
	}
	snap.Token = tok
	for _, kv := range rs[1].GetResponseRange().Kvs {
		id := strings.TrimPrefix(string(kv.Key), s.key("held/"))
		if live[id] {
			continue
		}
		l, ok, err := s.scavenge(ctx, id, kv)
		if err != nil {
			return snap, err
		}
		if ok {
			snap.Reaped = append(snap.Reaped, l)
		}
	}
	return snap, nil
}

// Live reads lease/ (expired leases are already gone: the server deleted
// them) and writes nothing.
func (s *Store) Live(ctx context.Context) ([]lease.Lease, error) {
	c, cancel := s.op(ctx)
	defer cancel()
	resp, err := s.cli.Get(c, s.key("lease/"), clientv3.WithPrefix(), clientv3.WithSort(clientv3.SortByCreateRevision, clientv3.SortAscend))
	if err != nil {
		return nil, s.unavailable("read leases", err)
	}
	out := make([]lease.Lease, 0, len(resp.Kvs))
	for _, kv := range resp.Kvs {
		e, err := decode(kv)
		if err != nil {
			return nil, err
		}
		out = append(out, e.Lease)
	}
	return out, nil
}

// Reap records a SCAVENGE for every lease that expired without a
// release and returns those it recorded.
func (s *Store) Reap(ctx context.Context) ([]lease.Lease, error) {
	snap, err := s.Snapshot(ctx)
	return snap.Reaped, err
}

// scavenge removes held/<id> and records its SCAVENGE, once: the delete is
// conditioned on the held key being unchanged and the lease key absent,
// so of several readers finding the same expiry only one writes.
func (s *Store) scavenge(ctx context.Context, id string, held *mvccpb.KeyValue) (lease.Lease, bool, error) {
	e, err := decode(held)
	if err != nil {
		return e.Lease, false, err
	}
	now := time.Now()
	rec, err := encode(lease.Scavenges([]lease.Lease{e.Lease}, s.cfg.HostID)[0], now)
	if err != nil {
		return e.Lease, false, err
	}
	c, cancel := s.op(ctx)
	defer cancel()
	resp, err := s.cli.Txn(c).If(
		clientv3.Compare(clientv3.ModRevision(string(held.Key)), "=", held.ModRevision),
		clientv3.Compare(clientv3.CreateRevision(s.key("lease/", id)), "=", 0),
	).Then(
		clientv3.OpDelete(string(held.Key)),
		clientv3.OpPut(s.eventKey(now), string(rec)),
	).Commit()
	if err != nil {
		return e.Lease, false, s.unavailable("record an expired lease", err)
	}
	return e.Lease, resp.Succeeded, nil
}

// ttl is the etcd TTL of l in whole seconds (at least 1).
func (s *Store) ttl(l lease.Lease) int64 {
	d := s.cfg.DefaultTTL
	if l.TTLMinutes > 0 {
		d = time.Duration(l.TTLMinutes * float64(time.Minute))
	}
	return ttlSeconds(d + s.cfg.Grace)
}

// ttlSeconds is ttl in whole seconds, rounded up, at least 1: an etcd
// lease's TTL.
func ttlSeconds(ttl time.Duration) int64 {
	return max(int64((ttl+time.Second-1)/time.Second), 1)
}

// CommitGrant attaches l to an etcd lease of l's TTL (a spare of the
// same holder renewed, or a new grant) and writes lease/<id> and
// holder/<id> (both attached to it), held/<id>, the gate and the ACQUIRE
// record in one transaction conditioned on the gate's ModRevision being
// tok. A lost race reads the fresh snapshot in the same transaction (the
// next Snapshot takes it) and keeps the etcd lease as a spare; an error
// revokes it (best effort). The generation is the revision that created
// lease/<id>, which also wrote the ACQUIRE event (its seq).
func (s *Store) CommitGrant(ctx context.Context, tok store.Token, l lease.Lease, rec lease.Entry) (store.Grant, bool, error) {
	seen, ok := tok.(int64)
	if !ok {
		return store.Grant{}, false, fmt.Errorf("etcd: foreign CAS token %T", tok)
	}
	now := time.Now()
	r, err := encode(rec, now)
	if err != nil {
		return store.Grant{}, false, err
	}
	sp, err := s.etcdLease(ctx, l.Holder, s.ttl(l))
	if err != nil {
		return store.Grant{}, false, err
	}
	val, err := json.Marshal(entry{Lease: l, EtcdLease: int64(sp.id), EtcdTTL: sp.ttl})
	if err != nil {
		s.retire(ctx, sp)
		return store.Grant{}, false, err
	}
	c, cancel := s.op(ctx)
	defer cancel()
	resp, err := s.cli.Txn(c).If(
		clientv3.Compare(clientv3.ModRevision(s.key("gate")), "=", seen),
	).Then(
		clientv3.OpPut(s.key("lease/", l.LeaseID), string(val), clientv3.WithLease(sp.id)),
		clientv3.OpPut(s.key("holder/", l.LeaseID), l.Holder, clientv3.WithLease(sp.id)),
		clientv3.OpPut(s.key("held/", l.LeaseID), string(val)),
		clientv3.OpPut(s.key("gate"), l.LeaseID),
		clientv3.OpPut(s.eventKey(now), string(r)),
	).Else(s.snapshotOps()...).Commit()
	if err != nil {
		s.revoke(ctx, sp.id)
		return store.Grant{}, false, s.unavailable("commit a grant", err)
	}
	if !resp.Succeeded {
		s.fresh.keep(resp.Responses)
		s.retire(ctx, sp)
		return store.Grant{}, false, nil
	}
	return store.Grant{Generation: resp.Header.Revision, Seq: resp.Header.Revision}, true, nil
}

// revoke drops an etcd lease, best effort, on its own short deadline.
func (s *Store) revoke(ctx context.Context, id clientv3.LeaseID) {
	c, cancel := context.WithTimeout(context.WithoutCancel(ctx), s.cfg.OpTimeout)
	defer cancel()
	s.cli.Revoke(c, id)
}

// get reads lease/<id>; ok is false when it is not live.
func (s *Store) get(ctx context.Context, id string) (entry, *mvccpb.KeyValue, bool, error) {
	c, cancel := s.op(ctx)
	defer cancel()
	resp, err := s.cli.Get(c, s.key("lease/", id))
	if err != nil {
		return entry{}, nil, false, s.unavailable("read lease "+id, err)
	}
	if len(resp.Kvs) == 0 {
		return entry{}, nil, false, nil
	}
	e, err := decode(resp.Kvs[0])
	return e, resp.Kvs[0], err == nil, err
}

// Release deletes lease/<id>, holder/<id> and held/<id> and writes rec in
// one transaction conditioned on holder/<id> naming owner (and lease/<id>
// being there), and keeps the
// freed etcd lease as a spare (revoked when the pool is full).
func (s *Store) Release(ctx context.Context, id, owner string, rec lease.Entry) (bool, error) {
	now := time.Now()
	r, err := encode(rec, now)
	if err != nil {
		return false, err
	}
	c, cancel := s.op(ctx)
	defer cancel()
	k := s.key("lease/", id)
	resp, err := s.cli.Txn(c).If(
		clientv3.Compare(clientv3.Value(s.key("holder/", id)), "=", owner),
		clientv3.Compare(clientv3.CreateRevision(k), ">", 0),
	).Then(
		clientv3.OpGet(k),
		clientv3.OpDelete(k),
		clientv3.OpDelete(s.key("holder/", id)),
		clientv3.OpDelete(s.key("held/", id)),
		clientv3.OpPut(s.eventKey(now), string(r)),
	).Commit()
	if err != nil {
		return false, s.unavailable("release lease "+id, err)
	}
	if !resp.Succeeded {
		return false, nil
	}
	if kvs := resp.Responses[0].GetResponseRange().Kvs; len(kvs) == 1 {
		if e, err := decode(kvs[0]); err == nil && e.EtcdTTL > 0 {
			s.retire(ctx, spare{id: clientv3.LeaseID(e.EtcdLease), ttl: e.EtcdTTL, holder: owner})
		}
	}
	return true, nil
}

// Heartbeat renews the etcd lease of lease/<id> once, after checking the
// holder. False means the lease is gone: its holder must stop writing.
func (s *Store) Heartbeat(ctx context.Context, id, owner string) (bool, error) {
	e, _, ok, err := s.get(ctx, id)
	if err != nil || !ok || e.Lease.Holder != owner {
		return false, err
	}
	c, cancel := s.op(ctx)
	defer cancel()
	if _, err := s.cli.KeepAliveOnce(c, clientv3.LeaseID(e.EtcdLease)); err != nil {
		if errors.Is(err, rpctypes.ErrLeaseNotFound) {
			return false, nil
		}
		return false, s.unavailable("renew lease "+id, err)
	}
	return true, nil
}

// stampBeat brings lease/<id>'s heartbeat_at up to at, the stamp of a
// HEARTBEAT event just recorded, as the file journal's fold does when it
// reads one (a keep-alive alone records nothing, as a coalesced beat
// records nothing in the file journal). It leaves a key that changed since
// it was read alone, and is best effort: the event is the record.
func (s *Store) stampBeat(ctx context.Context, id, at string) {
	e, kv, ok, err := s.get(ctx, id)
	if err != nil || !ok {
		return
	}
	if cur, ok := lease.ParseStamp(e.Lease.HeartbeatAt); ok {
		if t, ok := lease.ParseStamp(at); !ok || !t.After(cur) {
			return
		}
	}
	e.Lease.HeartbeatAt = at
	val, err := json.Marshal(e)
	if err != nil {
		return
	}
	c, cancel := s.op(ctx)
	defer cancel()
	s.cli.Txn(c).If(clientv3.Compare(clientv3.ModRevision(string(kv.Key)), "=", kv.ModRevision)).
		Then(clientv3.OpPut(string(kv.Key), string(val), clientv3.WithLease(clientv3.LeaseID(e.EtcdLease)))).Commit()
}
