package filestore

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/dispatchos/dos/kernel/admission"
	"github.com/dispatchos/dos/kernel/lease"
	"github.com/dispatchos/dos/state/idalloc"
	"github.com/dispatchos/dos/state/journal"
	"github.com/dispatchos/dos/state/lock"
	"github.com/dispatchos/dos/state/store"
	"github.com/dispatchos/dos/state/store/storetest"
)

// open is a file store in a fresh directory.
func open(t *testing.T) *Store {
	dir := t.TempDir()
	return &Store{
		J: journal.New(filepath.Join(dir, "lane-journal.jsonl")), Expiry: lease.DefaultPolicy,
		Wait: 5 * time.Second, HostID: "h", IDs: idalloc.Allocator{Dir: dir, Wait: 5 * time.Second},
		Archive: lock.NewArchive(filepath.Join(dir, "archive.lock")),
	}
}

func TestConformance(t *testing.T) {
	storetest.Run(t, func(t *testing.T) store.Store { return open(t) })
}

// An expired lease is scavenged once by the next snapshot, on this host's
// clock, and never beaten back to life.
func TestExpiryScavengedOnce(t *testing.T) {
	s := open(t)
	ctx := context.Background()
	past := time.Now().Add(-2 * time.Hour)
	s.Now = func() time.Time { return past }
	old, err := store.Acquire(ctx, s, past, storetest.Config("h"), store.AcquireInput{
		Request: admission.Request{Lane: "l0", Owner: "a"}, TTLMinutes: 1})
	if err != nil || old.Lease == nil {
		t.Fatal(err)
	}
	s.Now = nil
	if ok, err := s.Heartbeat(ctx, old.Lease.LeaseID, "a"); ok || err != nil {
		t.Fatalf("an expired lease was beaten: %v %v", ok, err)
	}
	snap, err := s.Snapshot(ctx)
	if err != nil || len(snap.Live) != 0 || len(snap.Reaped) != 0 {
		t.Fatalf("after the scavenge: %+v %v", snap, err)
	}
	ev, _ := s.Events(ctx)
	n := 0
	for _, e := range ev {
		if e.Op == lease.OpScavenge {
			n++
		}
	}
	if n != 1 {
		t.Fatalf("%d SCAVENGE records, want 1", n)
	}
}

// 16 goroutines race for 8 lanes through the interface: no lane or
// overlapping tree is ever granted twice at once.
func TestRace(t *testing.T) {
	s := open(t)
	var mu sync.Mutex
	live := map[string]bool{}
	var wg sync.WaitGroup
	for r := range 16 {
		wg.Go(func() {
			owner := fmt.Sprintf("r%d", r)
			for i := range 6 {
				lane := fmt.Sprintf("l%d", (r+i)%8)
				res, err := store.Acquire(context.Background(), s, time.Now(), storetest.Config("h"), store.AcquireInput{
					Request: admission.Request{Lane: lane, Owner: owner}, TTLMinutes: 5})
				if err != nil || res.Lease == nil {
					continue
				}
				pair := res.Lease.Tree[0][:len("pkg/0/")]
				mu.Lock()
				if live[pair] {
					t.Errorf("%s granted while its pair was live", lane)
				}
				live[pair] = true
				mu.Unlock()
				time.Sleep(time.Millisecond)
				mu.Lock()
				delete(live, pair)
				mu.Unlock()
				s.Release(context.Background(), res.Lease.LeaseID, owner, lease.ReleaseOf(*res.Lease, "h", owner))
			}
		})
	}
	wg.Wait()
}

// While another process holds the journal lock past the wait, a
// snapshot, a compaction and an import each answer store.ErrBusy.
func TestBusyLockIsErrBusy(t *testing.T) {
	s := open(t)
	s.Wait = 50 * time.Millisecond
	ctx := context.Background()
	held, err := lock.AcquireFlock(ctx, s.J.LockPath, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer held.Release()
	if _, err := s.Snapshot(ctx); !errors.Is(err, store.ErrBusy) {
		t.Errorf("snapshot: %v", err)
	}
	if _, err := s.Compact(ctx, store.CompactOptions{}); !errors.Is(err, store.ErrBusy) {
		t.Errorf("compact: %v", err)
	}
	line := []byte(`{"op":"SPAWN","lane":"l0","loop_ts":"T","seq":1}`)
	if _, err := s.Import(ctx, store.ImportInput{Lines: []json.RawMessage{line}, Now: time.Now()}); !errors.Is(err, store.ErrBusy) {
		t.Errorf("import: %v", err)
	}
}
