//go:build etcd

package etcdstore

import (
	"context"
	"encoding/json"
	"testing"
	"time"

	clientv3 "go.etcd.io/etcd/client/v3"

	"github.com/dispatchos/dos/kernel/admission"
	"github.com/dispatchos/dos/kernel/lease"
	"github.com/dispatchos/dos/state/store"
	"github.com/dispatchos/dos/state/store/storetest"
)

// grant acquires lane for owner with a ttl of secs seconds.
func grant(t *testing.T, s *Store, lane, owner string, secs float64) *lease.Lease {
	t.Helper()
	res, err := store.Acquire(context.Background(), s, time.Now(), storetest.Config("h"), store.AcquireInput{
		Request: admission.Request{Lane: lane, Owner: owner}, TTLMinutes: secs / 60})
	if err != nil || res.Lease == nil {
		t.Fatalf("%s for %s not granted: %+v %v", lane, owner, res.Decision, err)
	}
	return res.Lease
}

func release(t *testing.T, s *Store, l *lease.Lease) {
	t.Helper()
	if ok, err := s.Release(context.Background(), l.LeaseID, l.Holder, lease.ReleaseOf(*l, "h", l.Holder)); !ok || err != nil {
		t.Fatalf("release %s: %v %v", l.Lane, ok, err)
	}
}

// etcdLeaseOf is the etcd lease the live lease id is attached to.
func etcdLeaseOf(t *testing.T, s *Store, id string) clientv3.LeaseID {
	t.Helper()
	e, _, ok, err := s.get(context.Background(), id)
	if err != nil || !ok {
		t.Fatalf("lease %s not live: %v", id, err)
	}
	return clientv3.LeaseID(e.EtcdLease)
}

// An acquire+release costs one consistent read and two writes; the etcd
// lease is granted once per holder and TTL, then renewed by a keep-alive.
// A lost race costs no second read. Close revokes the spare.
func TestRoundTrips(t *testing.T) { roundTrips(t, startCluster(t, 1).endpoints) }

func roundTrips(t *testing.T, endpoints []string) {
	s, err := Open(Config{Endpoints: endpoints, Fleet: open(t, endpoints, "").cfg.Fleet, HostID: "test"})
	if err != nil {
		t.Fatal(err)
	}
	r := countRequests(s)
	ctx := context.Background()
	release(t, s, grant(t, s, "l0", "alice", 300))
	if got, want := r.take(), "grant=1 read=1 write=2"; got != want {
		t.Errorf("first acquire+release: %s, want %s", got, want)
	}
	release(t, s, grant(t, s, "l0", "alice", 300))
	if got, want := r.take(), "keepalive=1 read=1 write=2"; got != want {
		t.Errorf("acquire+release with a spare: %s, want %s", got, want)
	}

	snap, err := s.Snapshot(ctx)
	if err != nil {
		t.Fatal(err)
	}
	grant(t, open(t, endpoints, s.cfg.Fleet), "l2", "bob", 300)
	l := lease.Lease{Lane: "l4", LaneKind: "concurrent", Tree: []string{"pkg/2/"}, Holder: "alice", LeaseID: store.NewLeaseID(time.Now()), TTLMinutes: 5}
	r.take()
	if _, ok, err := s.CommitGrant(ctx, snap.Token, l, &lease.AcquireEntry{Op: lease.OpAcquire, Lane: l.Lane, Tree: l.Tree, Lease: l, LeaseID: l.LeaseID}); ok || err != nil {
		t.Fatalf("a commit on a stale token: %v %v", ok, err)
	}
	retry, err := s.Snapshot(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := r.take(), "keepalive=1 write=1"; got != want {
		t.Errorf("lost race and re-read: %s, want %s", got, want)
	}
	if got := lanesOf(retry.Live); got != "l2" || retry.Token == snap.Token {
		t.Fatalf("the read after a lost race: live %q, token %v (was %v)", got, retry.Token, snap.Token)
	}
	if _, err := s.Snapshot(ctx); err != nil {
		t.Fatal(err)
	}
	if got, want := r.take(), "read=1"; got != want {
		t.Errorf("the kept read served twice: %s, want %s", got, want)
	}

	sp, _ := s.spares.take("alice", 300)
	s.spares.put(sp)
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if got, want := r.take(), "revoke=1"; got != want {
		t.Errorf("close: %s, want %s", got, want)
	}
	ttl, err := open(t, endpoints, "").cli.TimeToLive(ctx, sp.id)
	if err != nil || ttl.TTL != -1 {
		t.Fatalf("the spare outlived Close: %+v %v", ttl, err)
	}
}

// A released lease's etcd lease backs its holder's next grant of the same
// TTL, renewed to the full TTL; the released lease stays dead, another
// holder gets its own etcd lease, and a spare that expired is replaced.
func TestSpareReuse(t *testing.T) { spareReuse(t, startCluster(t, 1).endpoints) }

func spareReuse(t *testing.T, endpoints []string) {
	s := open(t, endpoints, "")
	ctx := context.Background()
	a := grant(t, s, "l0", "alice", 300)
	ea := etcdLeaseOf(t, s, a.LeaseID)
	release(t, s, a)
	time.Sleep(1100 * time.Millisecond) // the spare's TTL runs down
	b := grant(t, s, "l2", "alice", 300)
	if eb := etcdLeaseOf(t, s, b.LeaseID); eb != ea {
		t.Fatalf("alice's second grant got etcd lease %x, not the spare %x", eb, ea)
	}
	ttl, err := s.cli.TimeToLive(ctx, ea)
	if err != nil || ttl.GrantedTTL != 300 || ttl.TTL < 299 {
		t.Fatalf("the reused etcd lease was not renewed to its full TTL: %+v %v", ttl, err)
	}
	if ok, err := s.Heartbeat(ctx, a.LeaseID, "alice"); ok || err != nil {
		t.Fatalf("the released lease was beaten through the reused etcd lease: %v %v", ok, err)
	}
	if ok, err := s.Heartbeat(ctx, b.LeaseID, "alice"); !ok || err != nil {
		t.Fatalf("the new lease was not beaten: %v %v", ok, err)
	}

	release(t, s, b) // ea is alice's 300s spare again
	if ec := etcdLeaseOf(t, s, grant(t, s, "l4", "bob", 300).LeaseID); ec == ea {
		t.Fatal("bob's grant took alice's spare")
	}
	if d := etcdLeaseOf(t, s, grant(t, s, "l6", "alice", 600).LeaseID); d == ea {
		t.Fatal("a grant of another TTL took a spare of 300s")
	}
	if _, err := s.cli.Revoke(ctx, ea); err != nil { // the spare is gone behind our back
		t.Fatal(err)
	}
	e := grant(t, s, "l0", "alice", 300)
	if ee := etcdLeaseOf(t, s, e.LeaseID); ee == ea {
		t.Fatal("a revoked spare was attached")
	}
	if ok, err := s.Heartbeat(ctx, e.LeaseID, "alice"); !ok || err != nil {
		t.Fatalf("the grant after a lost spare is not live: %v %v", ok, err)
	}
}

// A lease on a reused etcd lease still expires on the server clock when
// it is not beaten, and its SCAVENGE is recorded once.
func TestReusedLeaseExpires(t *testing.T) { reusedLeaseExpires(t, startCluster(t, 1).endpoints) }

func reusedLeaseExpires(t *testing.T, endpoints []string) {
	s := open(t, endpoints, "")
	ctx := context.Background()
	a := grant(t, s, "l0", "alice", 2)
	ea := etcdLeaseOf(t, s, a.LeaseID)
	release(t, s, a)
	b := grant(t, s, "l0", "alice", 2)
	if eb := etcdLeaseOf(t, s, b.LeaseID); eb != ea {
		t.Fatalf("the spare %x was not reused (got %x)", ea, eb)
	}
	deadline := time.Now().Add(15 * time.Second)
	for {
		_, _, live, err := s.get(ctx, b.LeaseID)
		if err != nil {
			t.Fatal(err)
		}
		if !live {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("the lease on a reused etcd lease did not expire within 15s of a 2s TTL")
		}
		time.Sleep(200 * time.Millisecond)
	}
	reaped, err := s.Reap(ctx)
	if err != nil || len(reaped) != 1 || reaped[0].LeaseID != b.LeaseID {
		t.Fatalf("reaped %v %v, want the second lease", reaped, err)
	}
	if again, err := s.Reap(ctx); err != nil || len(again) != 0 {
		t.Fatalf("reaped twice: %v %v", again, err)
	}
}

// A lease carried in by an import has its holder key: its holder releases
// it in one transaction and its etcd lease becomes a spare. A lease ended
// by import --force can no longer be released by its holder.
func TestImportedLeaseReleases(t *testing.T) {
	s := open(t, startCluster(t, 1).endpoints, "")
	ctx := context.Background()
	now := time.Now().UTC()
	l := lease.Lease{Lane: "l0", LaneKind: "concurrent", Tree: []string{"pkg/0/"}, LoopTS: lease.FormatStamp(now), Holder: "a", AcquiredAt: lease.FormatStamp(now), TTLMinutes: 10}
	b, _ := json.Marshal(map[string]any{"op": lease.OpAcquire, "lane": "l0", "loop_ts": l.LoopTS, "lease": l, "seq": 7})
	if res, err := s.Import(ctx, store.ImportInput{Lines: []json.RawMessage{b}, Now: now}); err != nil || len(res.Carried) != 1 {
		t.Fatalf("import: %+v %v", res, err)
	}
	live, err := s.Live(ctx)
	if err != nil || len(live) != 1 {
		t.Fatalf("live after import: %v %v", live, err)
	}
	imported := etcdLeaseOf(t, s, live[0].LeaseID)
	release(t, s, &live[0])
	if next := etcdLeaseOf(t, s, grant(t, s, "l2", "a", 600).LeaseID); next != imported {
		t.Fatalf("the released import's etcd lease %x was not kept as a spare (got %x)", imported, next)
	}

	live, _ = s.Live(ctx)
	b, _ = json.Marshal(map[string]any{"op": lease.OpAcquire, "lane": "l4", "loop_ts": l.LoopTS, "lease": lease.Lease{Lane: "l4", LaneKind: "concurrent", Tree: []string{"pkg/2/"}, LoopTS: l.LoopTS, Holder: "b", AcquiredAt: l.AcquiredAt, TTLMinutes: 10}, "seq": 7})
	if _, err := s.Import(ctx, store.ImportInput{Lines: []json.RawMessage{b}, Now: now, Force: true}); err != nil {
		t.Fatal(err)
	}
	if ok, err := s.Release(ctx, live[0].LeaseID, "a", lease.ReleaseOf(live[0], "h", "a")); ok || err != nil {
		t.Fatalf("a lease ended by import --force was released: %v %v", ok, err)
	}
	if n := count(t, s, "holder/"); n != 1 {
		t.Fatalf("%d holder keys after the forced import, want the carried lease's one", n)
	}
}
