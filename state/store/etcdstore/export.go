package etcdstore

import (
	"context"
	"time"

	clientv3 "go.etcd.io/etcd/client/v3"

	"github.com/dispatchos/dos/kernel/lease"
	"github.com/dispatchos/dos/state/journal"
	"github.com/dispatchos/dos/state/store"
)

// KeepAliveReason is the reason of the HEARTBEAT records an export adds
// for the renewals etcd counted but the journal did not record.
const KeepAliveReason = "etcd keep-alive"

// Export reads the journal, then adds one HEARTBEAT for each live lease
// renewed since its newest recorded stamp: a heartbeat here renews the
// etcd lease without writing an event, so without these a file journal
// importing the export would expire a lease etcd still holds. Its
// heartbeat_at is the last renewal as the cluster counted it (now minus
// the TTL the lease has used up), so the expiry rule read over the export
// ends the lease when etcd would.
func (s *Store) Export(ctx context.Context) ([]store.Event, error) {
	v, evs, err := s.readRecords(ctx, true)
	if err != nil {
		return nil, err
	}
	st := &lease.State{}
	for _, e := range evs {
		st.Apply(e.Record)
	}
	newest := map[lease.Identity]time.Time{}
	for _, l := range st.Live() {
		newest[l.ID()], _ = lease.NewestStamp(l)
	}
	now := time.Now().UTC()
	for _, kv := range v.leases {
		e, err := decode(kv)
		if err != nil {
			return nil, err
		}
		seen, live := newest[e.Lease.ID()]
		if !live {
			continue
		}
		c, cancel := s.op(ctx)
		ttl, err := s.cli.TimeToLive(c, clientv3.LeaseID(e.EtcdLease))
		cancel()
		if err != nil {
			return nil, s.unavailable("read the TTL of lease "+e.Lease.LeaseID, err)
		}
		if ttl.TTL <= 0 { // expired since the read
			continue
		}
		last := now.Add(-time.Duration(ttl.GrantedTTL-ttl.TTL) * time.Second).Truncate(time.Second)
		if !last.After(seen) {
			continue
		}
		b, err := journal.EncodeRecord(map[string]any{
			"op": lease.OpHeartbeat, "lane": e.Lease.Lane, "loop_ts": e.Lease.LoopTS, "lease_id": e.Lease.LeaseID,
			"host_id": s.cfg.HostID, "heartbeat_at": lease.FormatStamp(last), "ts": lease.FormatStamp(now),
			"reason": KeepAliveReason,
		})
		if err != nil {
			return nil, err
		}
		ev, err := eventOf(b, 0, len(evs))
		if err != nil {
			return nil, err
		}
		evs = append(evs, ev)
	}
	return evs, nil
}
