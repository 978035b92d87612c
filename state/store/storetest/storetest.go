// Package storetest is the conformance suite every store.Store backend
// runs: grants, refusals, lost races, release, heartbeat, events, ids and
// the archive lock, all decided by kernel/admission; and the journal:
// tail, replay, seq, compaction and import.
package storetest

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/dispatchos/dos/kernel/admission"
	"github.com/dispatchos/dos/kernel/lease"
	"github.com/dispatchos/dos/state/store"
)

// Taxonomy is n concurrent lanes l0..l(n-1); lanes 2k and 2k+1 overlap
// (pkg/k/ and pkg/k/sub/), so at most half of them can be live at once.
func Taxonomy(n int) admission.Taxonomy {
	t := admission.Taxonomy{Trees: map[string][]string{}}
	for i := range n {
		name := fmt.Sprintf("l%d", i)
		t.Concurrent = append(t.Concurrent, name)
		tr := fmt.Sprintf("pkg/%d/", i/2)
		if i%2 == 1 {
			tr += "sub/"
		}
		t.Trees[name] = []string{tr}
	}
	return t
}

// Config is the admission configuration the suite uses.
func Config(host string) store.Config {
	return store.Config{Taxonomy: Taxonomy(8), HostID: host, PID: 1}
}

// Run runs the suite; open returns a fresh, empty store.
func Run(t *testing.T, open func(t *testing.T) store.Store) {
	t.Run("GrantRefuseRelease", func(t *testing.T) { grantRefuseRelease(t, open(t)) })
	t.Run("StaleTokenLoses", func(t *testing.T) { staleToken(t, open(t)) })
	t.Run("Heartbeat", func(t *testing.T) { heartbeat(t, open(t)) })
	t.Run("Fences", func(t *testing.T) { fences(t, open(t)) })
	t.Run("IDs", func(t *testing.T) { ids(t, open(t)) })
	t.Run("ArchiveLock", func(t *testing.T) { archive(t, open(t)) })
	t.Run("ArchiveTryRelease", func(t *testing.T) { archiveTry(t, open(t)) })
	t.Run("ArchiveRace", func(t *testing.T) { archiveRace(t, open(t)) })
	t.Run("ArchiveExpires", func(t *testing.T) { archiveExpires(t, open(t)) })
	runJournal(t, open)
}

func acquire(t *testing.T, s store.Store, lane, owner string) store.AcquireResult {
	t.Helper()
	res, err := store.Acquire(context.Background(), s, time.Now(), Config("h"), store.AcquireInput{
		Request: admission.Request{Lane: lane, Owner: owner}, TTLMinutes: 10,
	})
	if err != nil {
		t.Fatalf("acquire %s for %s: %v", lane, owner, err)
	}
	return res
}

func grantRefuseRelease(t *testing.T, s store.Store) {
	ctx := context.Background()
	a := acquire(t, s, "l0", "alice")
	if a.Lease == nil || !a.Journaled || a.Generation <= 0 {
		t.Fatalf("l0 not granted: %+v", a)
	}
	b := acquire(t, s, "l1", "bob")
	if b.Lease != nil || b.Decision.Granted() {
		t.Fatalf("l1 overlaps live l0 but was granted: %+v", b.Decision)
	}
	c := acquire(t, s, "l2", "carol")
	if c.Lease == nil || c.Generation <= a.Generation {
		t.Fatalf("l2 (disjoint) not granted above generation %d: %+v", a.Generation, c)
	}
	if ok, err := s.Release(ctx, a.Lease.LeaseID, "bob", lease.ReleaseOf(*a.Lease, "h", "bob")); ok || err != nil {
		t.Fatalf("bob released alice's lease: %v %v", ok, err)
	}
	if ok, err := s.Release(ctx, a.Lease.LeaseID, "alice", lease.ReleaseOf(*a.Lease, "h", "alice")); !ok || err != nil {
		t.Fatalf("alice could not release: %v %v", ok, err)
	}
	if ok, _ := s.Release(ctx, a.Lease.LeaseID, "alice", nil); ok {
		t.Fatal("released twice")
	}
	if d := acquire(t, s, "l1", "bob"); d.Lease == nil {
		t.Fatalf("l1 refused after l0's release: %+v", d.Decision)
	}
	snap, err := s.Snapshot(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if got := lanes(snap.Live); got != "l2,l1" {
		t.Fatalf("live lanes %q, want l2,l1", got)
	}
	if live, err := s.Live(ctx); err != nil || lanes(live) != "l2,l1" {
		t.Fatalf("Live = %q %v, want l2,l1", lanes(live), err)
	}
	ev, err := s.Events(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var ops []string
	for i, e := range ev {
		ops = append(ops, e.Op)
		if i > 0 && e.Seq < ev[i-1].Seq {
			t.Fatalf("events out of order: %v", ev)
		}
	}
	want := "ACQUIRE,REFUSE,ACQUIRE,RELEASE,ACQUIRE"
	if got := strings.Join(ops, ","); got != want {
		t.Fatalf("events %s, want %s", got, want)
	}
	// A grant and a refusal answer the seq of the record they wrote.
	if ev[0].Seq != a.Seq || ev[1].Seq != b.Seq || ev[2].Seq != c.Seq || a.Seq <= 0 {
		t.Fatalf("answered seqs %d %d %d, journaled %d %d %d", a.Seq, b.Seq, c.Seq, ev[0].Seq, ev[1].Seq, ev[2].Seq)
	}
}

func lanes(ls []lease.Lease) string {
	s := ""
	for i, l := range ls {
		if i > 0 {
			s += ","
		}
		s += l.Lane
	}
	return s
}

func staleToken(t *testing.T, s store.Store) {
	ctx := context.Background()
	snap, err := s.Snapshot(ctx)
	if err != nil {
		t.Fatal(err)
	}
	acquire(t, s, "l4", "alice")
	l := lease.Lease{Lane: "l5", LaneKind: "concurrent", Tree: []string{"pkg/2/sub/"}, Holder: "bob", LeaseID: store.NewLeaseID(time.Now())}
	_, ok, err := s.CommitGrant(ctx, snap.Token, l, &lease.AcquireEntry{Op: lease.OpAcquire, Lane: l.Lane, Tree: l.Tree, Lease: l, LeaseID: l.LeaseID})
	if err != nil || ok {
		t.Fatalf("a grant decided on a stale snapshot committed: ok=%v err=%v", ok, err)
	}
	after, err := s.Snapshot(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if got := lanes(after.Live); got != "l4" {
		t.Fatalf("live %q after a lost race, want l4", got)
	}
}

func heartbeat(t *testing.T, s store.Store) {
	ctx := context.Background()
	a := acquire(t, s, "l0", "alice")
	if ok, err := s.Heartbeat(ctx, a.Lease.LeaseID, "alice"); !ok || err != nil {
		t.Fatalf("holder's beat refused: %v %v", ok, err)
	}
	// A recorded HEARTBEAT shows on the live lease, as lease-lane live
	// prints it (a keep-alive alone may not: it records nothing on etcd).
	if _, err := s.Append(ctx, lease.HeartbeatOf(*a.Lease, "h", time.Now().Add(2*time.Second))); err != nil {
		t.Fatal(err)
	}
	live, err := s.Live(ctx)
	if err != nil || len(live) != 1 {
		t.Fatalf("live after a beat: %v %v", live, err)
	}
	beat, ok1 := lease.ParseStamp(live[0].HeartbeatAt)
	granted, ok2 := lease.ParseStamp(a.Lease.AcquiredAt)
	if !ok1 || !ok2 || !beat.After(granted) {
		t.Fatalf("heartbeat_at %q not after the grant %q", live[0].HeartbeatAt, a.Lease.AcquiredAt)
	}
	if ok, err := s.Heartbeat(ctx, a.Lease.LeaseID, "mallory"); ok || err != nil {
		t.Fatalf("a stranger's beat accepted: %v %v", ok, err)
	}
	if _, err := s.Release(ctx, a.Lease.LeaseID, "alice", lease.ReleaseOf(*a.Lease, "h", "alice")); err != nil {
		t.Fatal(err)
	}
	if ok, err := s.Heartbeat(ctx, a.Lease.LeaseID, "alice"); ok || err != nil {
		t.Fatalf("a released lease was beaten: %v %v", ok, err)
	}
}

// fences: each live lease is listed with the generation its grant
// returned; a released lease is gone, and the same lane taken again gets a
// new, higher generation (so a write under the old one is fenced off).
func fences(t *testing.T, s store.Store) {
	ctx := context.Background()
	if fs, err := s.Fences(ctx); err != nil || len(fs) != 0 {
		t.Fatalf("fences of an empty store: %+v %v", fs, err)
	}
	a := acquire(t, s, "l0", "alice")
	b := acquire(t, s, "l2", "bob")
	fs, err := s.Fences(ctx)
	if err != nil {
		t.Fatal(err)
	}
	gens := map[string]int64{}
	for _, f := range fs {
		gens[f.Lease.LeaseID] = f.Generation
	}
	if len(fs) != 2 || gens[a.Lease.LeaseID] != a.Generation || gens[b.Lease.LeaseID] != b.Generation {
		t.Fatalf("fences %+v, want alice at %d and bob at %d", fs, a.Generation, b.Generation)
	}
	if _, err := s.Release(ctx, a.Lease.LeaseID, "alice", lease.ReleaseOf(*a.Lease, "h", "alice")); err != nil {
		t.Fatal(err)
	}
	again := acquire(t, s, "l0", "alice")
	if again.Lease == nil || again.Generation <= b.Generation {
		t.Fatalf("l0 re-taken at generation %d, want above %d: %+v", again.Generation, b.Generation, again.Decision)
	}
	fs, err = s.Fences(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range fs {
		if f.Lease.Lane == "l0" && f.Generation != again.Generation {
			t.Fatalf("l0 fenced at %d, want the new grant's %d", f.Generation, again.Generation)
		}
	}
	if len(fs) != 2 {
		t.Fatalf("fences after release and re-take: %+v", fs)
	}
}

func ids(t *testing.T, s store.Store) {
	ctx := context.Background()
	if _, ok, err := s.PeekID(ctx, "runs"); ok || err != nil {
		t.Fatalf("peek of a fresh scope: %v %v", ok, err)
	}
	for i, want := range []int64{100, 101, 102} {
		got, err := s.AllocID(ctx, "runs", 100)
		if err != nil || got != want {
			t.Fatalf("alloc %d = %d, %v; want %d", i, got, err, want)
		}
	}
	if got, ok, err := s.PeekID(ctx, "runs"); got != 102 || !ok || err != nil {
		t.Fatalf("peek = %d %v %v", got, ok, err)
	}
	if got, _ := s.AllocID(ctx, "other", 1); got != 1 {
		t.Fatalf("scopes share a counter: %d", got)
	}
}

func archive(t *testing.T, s store.Store) {
	ctx := context.Background()
	lk, err := s.LockArchive(ctx, "alice", time.Minute)
	if err != nil {
		t.Fatal(err)
	}
	if who, ok, err := s.ArchiveHolder(ctx); who != "alice" || !ok || err != nil {
		t.Fatalf("holder %q %v %v", who, ok, err)
	}
	short, cancel := context.WithTimeout(ctx, 300*time.Millisecond)
	defer cancel()
	if l2, err := s.LockArchive(short, "bob", time.Minute); err == nil {
		l2.Unlock(ctx)
		t.Fatal("bob took a held archive lock")
	} else if !errors.Is(err, context.DeadlineExceeded) && !errors.Is(err, store.ErrUnavailable) {
		t.Fatalf("bob's wait: %v", err)
	}
	if err := lk.Unlock(ctx); err != nil {
		t.Fatal(err)
	}
	if _, ok, _ := s.ArchiveHolder(ctx); ok {
		t.Fatal("archive lock still held after unlock")
	}
	lk, err = s.LockArchive(ctx, "bob", time.Minute)
	if err != nil {
		t.Fatalf("bob after alice's unlock: %v", err)
	}
	lk.Unlock(ctx)
}

// archiveTry: the archive lock as the CLI uses it, one call per process:
// taken when free, re-entered by its owner, busy for anyone else, left
// alone by a release from another owner, removed by its owner's or a
// forced release.
func archiveTry(t *testing.T, s store.Store) {
	ctx := context.Background()
	try := func(owner string, want lease.ArchiveAction) store.ArchiveTry {
		t.Helper()
		at, err := s.TryArchive(ctx, owner, 42, time.Minute)
		if err != nil || at.Action != want {
			t.Fatalf("%s tries: %+v %v, want %s", owner, at, err, want)
		}
		return at
	}
	if _, ok, err := s.ReadArchive(ctx); ok || err != nil {
		t.Fatalf("read of a free lock: %v %v", ok, err)
	}
	try("alice", lease.ArchiveAcquire)
	h, ok, err := s.ReadArchive(ctx)
	if !ok || err != nil || h.Owner != "alice" || h.PID != 42 || !h.AgeKnown || h.Age > time.Minute {
		t.Fatalf("read after alice took it: %+v %v %v", h, ok, err)
	}
	if at := try("alice", lease.ArchiveReenter); !at.Held || at.Prev.Owner != "alice" {
		t.Fatalf("re-entry saw %+v", at)
	}
	if at := try("bob", lease.ArchiveBusy); !at.Held || at.Prev.Owner != "alice" {
		t.Fatalf("bob's try saw %+v", at)
	}
	if who, ok, _ := s.ArchiveHolder(ctx); who != "alice" || !ok {
		t.Fatalf("ArchiveHolder %q %v", who, ok)
	}
	if r, err := s.ReleaseArchive(ctx, "bob", false); err != nil || !r.Held || r.Removed || r.Prev.Owner != "alice" {
		t.Fatalf("bob's release: %+v %v", r, err)
	}
	if r, err := s.ReleaseArchive(ctx, "alice", false); err != nil || !r.Removed {
		t.Fatalf("alice's release: %+v %v", r, err)
	}
	if r, err := s.ReleaseArchive(ctx, "alice", false); err != nil || r.Held || r.Removed {
		t.Fatalf("release of a free lock: %+v %v", r, err)
	}
	try("bob", lease.ArchiveAcquire)
	if r, err := s.ReleaseArchive(ctx, "carol", true); err != nil || !r.Removed || r.Prev.Owner != "bob" {
		t.Fatalf("forced release: %+v %v", r, err)
	}
	if _, ok, _ := s.ReadArchive(ctx); ok {
		t.Fatal("lock held after a forced release")
	}
}

// archiveExpires: a lock whose holder never comes back is free to take
// once its ttl has passed (the file store steals it; etcd's server has
// expired it).
func archiveExpires(t *testing.T, s store.Store) {
	if testing.Short() {
		t.Skip("waits for a ttl")
	}
	ctx := context.Background()
	if at, err := s.TryArchive(ctx, "ghost", 1, time.Second); err != nil || at.Action != lease.ArchiveAcquire {
		t.Fatalf("ghost: %+v %v", at, err)
	}
	if at, err := s.TryArchive(ctx, "alice", 2, time.Second); err != nil || at.Action != lease.ArchiveBusy {
		t.Fatalf("alice before the ttl: %+v %v", at, err)
	}
	deadline := time.Now().Add(10 * time.Second)
	for {
		at, err := s.TryArchive(ctx, "alice", 2, time.Second)
		if err != nil {
			t.Fatal(err)
		}
		if at.Action == lease.ArchiveAcquire || at.Action == lease.ArchiveSteal {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("the ghost's lock outlived its ttl by 9s: %+v", at)
		}
		time.Sleep(200 * time.Millisecond)
	}
	if h, ok, _ := s.ReadArchive(ctx); !ok || h.Owner != "alice" {
		t.Fatalf("holder after the ttl: %+v %v", h, ok)
	}
}

// archiveRace: of eight owners trying a free lock at once, exactly one
// takes it and the rest are told it is busy.
func archiveRace(t *testing.T, s store.Store) {
	ctx := context.Background()
	var wg sync.WaitGroup
	acts := make([]lease.ArchiveAction, 8)
	errs := make([]error, 8)
	for i := range acts {
		wg.Go(func() {
			at, err := s.TryArchive(ctx, fmt.Sprintf("o%d", i), i, time.Minute)
			acts[i], errs[i] = at.Action, err
		})
	}
	wg.Wait()
	won := 0
	for i, a := range acts {
		if errs[i] != nil {
			t.Fatalf("o%d: %v", i, errs[i])
		}
		switch a {
		case lease.ArchiveAcquire:
			won++
		case lease.ArchiveBusy:
		default:
			t.Fatalf("o%d: %s", i, a)
		}
	}
	if won != 1 {
		t.Fatalf("%d owners took the archive lock at once: %v", won, acts)
	}
}
