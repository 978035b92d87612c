package lock

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/dispatchos/dos/kernel/lease"
)

func TestFlockExcludesAndReleases(t *testing.T) {
	p := filepath.Join(t.TempDir(), "sub", "x.lock")
	a, err := AcquireFlock(context.Background(), p, 0)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := AcquireFlock(context.Background(), p, 20*time.Millisecond); !errors.Is(err, ErrBusy) {
		t.Fatalf("second lock: %v", err)
	}
	a.Release()
	// The abandoned second waiter may hold the lock for an instant after the
	// release before it lets go, so the next taker waits a little rather
	// than trying exactly once.
	b, err := AcquireFlock(context.Background(), p, 2*time.Second)
	if err != nil {
		t.Fatalf("after release: %v", err)
	}
	b.Release()
}

func TestFlockMutualExclusion(t *testing.T) {
	p := filepath.Join(t.TempDir(), "x.lock")
	var inside, max atomic.Int32
	var wg sync.WaitGroup
	for range 16 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range 20 {
				l, err := AcquireFlock(context.Background(), p, 10*time.Second)
				if err != nil {
					t.Error(err)
					return
				}
				n := inside.Add(1)
				if n > max.Load() {
					max.Store(n)
				}
				time.Sleep(50 * time.Microsecond)
				inside.Add(-1)
				l.Release()
			}
		}()
	}
	wg.Wait()
	if max.Load() != 1 {
		t.Fatalf("%d holders at once", max.Load())
	}
}

func TestExclStealHasOneWinner(t *testing.T) {
	e := Excl{Path: filepath.Join(t.TempDir(), ".archive.lock")}
	stale := Body{Owner: "old", AcquiredAt: "2020-01-01T00:00:00Z", PID: 1}
	if err := e.Publish(stale); err != nil {
		t.Fatal(err)
	}
	if err := e.Publish(stale); !errors.Is(err, fs.ErrExist) {
		t.Fatalf("second create: %v", err)
	}
	var wins atomic.Int32
	var wg sync.WaitGroup
	for i := range 12 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			ok, err := e.Steal(stale, Body{Owner: "thief", AcquiredAt: "2026", PID: i})
			if err != nil {
				t.Error(err)
			}
			if ok {
				wins.Add(1)
			}
		}()
	}
	wg.Wait()
	if wins.Load() != 1 {
		t.Fatalf("%d stealers won", wins.Load())
	}
	b, ok, _ := e.Read()
	if !ok || b.Owner != "thief" {
		t.Fatalf("body = %+v", b)
	}
}

func TestFlockAbandonedWaitLeavesNothingHeld(t *testing.T) {
	p := filepath.Join(t.TempDir(), "x.lock")
	a, err := AcquireFlock(context.Background(), p, 0)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := AcquireFlock(context.Background(), p, 30*time.Millisecond); !errors.Is(err, ErrBusy) {
		t.Fatalf("waiter: %v", err)
	}
	a.Release()
	// The abandoned waiter may grab the lock for a moment; it must let go.
	b, err := AcquireFlock(context.Background(), p, 2*time.Second)
	if err != nil {
		t.Fatalf("after an abandoned wait: %v", err)
	}
	b.Release()
}

func TestArchiveEmptyLockAgesByFileTime(t *testing.T) {
	a := NewArchive(filepath.Join(t.TempDir(), ".archive.lock"))
	os.WriteFile(a.Path, nil, 0o644) // a writer killed between create and write
	now := time.Now()
	mine := Body{Owner: "me", AcquiredAt: "2026-01-01T00:00:00Z", PID: 7}
	at, err := a.Try(context.Background(), mine, time.Minute, now)
	if err != nil || at.Action != lease.ArchiveBusy {
		t.Fatalf("fresh empty lock: %+v %v", at, err)
	}
	old := now.Add(-2 * time.Minute)
	os.Chtimes(a.Path, old, old)
	at, err = a.Try(context.Background(), mine, time.Minute, now)
	if err != nil || at.Action != lease.ArchiveSteal {
		t.Fatalf("old empty lock: %+v %v", at, err)
	}
	if h, ok, _ := a.Read(); !ok || h.Owner != "me" {
		t.Fatalf("after the steal: %+v", h)
	}
}

func TestArchiveConcurrentStealersOneWins(t *testing.T) {
	a := NewArchive(filepath.Join(t.TempDir(), ".archive.lock"))
	if err := a.Publish(Body{Owner: "old", AcquiredAt: "2020-01-01T00:00:00Z", PID: 1}); err != nil {
		t.Fatal(err)
	}
	var wins atomic.Int32
	var wg sync.WaitGroup
	for i := range 16 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			at, err := a.Try(context.Background(), Body{Owner: fmt.Sprint("t", i), AcquiredAt: "2026-01-01T00:00:00Z", PID: i + 1}, time.Minute, time.Date(2026, 1, 1, 0, 0, 30, 0, time.UTC))
			if err != nil {
				t.Error(err)
			}
			if at.Action == lease.ArchiveSteal || at.Action == lease.ArchiveAcquire {
				wins.Add(1)
			}
		}()
	}
	wg.Wait()
	if wins.Load() != 1 {
		t.Fatalf("%d winners", wins.Load())
	}
}

func TestHoldExcl(t *testing.T) {
	dir := t.TempDir()
	e := Excl{Path: filepath.Join(dir, ".lane-lease.lock")}
	ctx := context.Background()
	// Free: held, then released (removed).
	h, err := HoldExcl(ctx, e, "dos", 0, nil)
	if err != nil {
		t.Fatal(err)
	}
	if b, ok, _ := e.Read(); !ok || b.Owner != h.Body().Owner || !OurHostDos(b.Owner) {
		t.Fatalf("body = %+v", b)
	}
	h.Release()
	if _, ok, _ := e.Read(); ok {
		t.Fatal("not removed on release")
	}
	// A fresh foreign lock: busy after the wait, and left alone.
	foreign := Body{Owner: "python-agent", AcquiredAt: lease.FormatStamp(time.Now()), PID: 1}
	e.Publish(foreign)
	start := time.Now()
	if _, err := HoldExcl(ctx, e, "dos", 150*time.Millisecond, nil); !errors.Is(err, ErrBusy) || time.Since(start) < 150*time.Millisecond {
		t.Fatalf("over a foreign lock: %v after %v", err, time.Since(start))
	}
	// The caller says its holder is dead: broken at once.
	h, err = HoldExcl(ctx, e, "dos", 0, func(Holder) bool { return true })
	if err != nil {
		t.Fatalf("over an abandoned lock: %v", err)
	}
	// Someone broke ours meanwhile: release leaves theirs alone.
	e.Remove()
	e.Publish(foreign)
	h.Release()
	if b, ok, _ := e.Read(); !ok || b.Owner != "python-agent" {
		t.Fatalf("release removed another holder's lock: %+v", b)
	}
	// Older than the reference's stale ttl: stolen.
	e.Remove()
	e.Publish(Body{Owner: "python-agent", AcquiredAt: "2020-01-01T00:00:00Z", PID: 1})
	if h, err = HoldExcl(ctx, e, "dos", 0, nil); err != nil {
		t.Fatalf("over a stale lock: %v", err)
	}
	h.Release()
}

func TestPublishNeverShowsAPartialBody(t *testing.T) {
	e := Excl{Path: filepath.Join(t.TempDir(), "l")}
	stop := make(chan struct{})
	var bad atomic.Int32
	go func() {
		for {
			select {
			case <-stop:
				return
			default:
			}
			if b, ok, _ := e.Read(); ok && (b.Owner == "" || b.PID == 0) {
				bad.Add(1)
			}
		}
	}()
	for i := range 300 {
		if err := e.Publish(Body{Owner: fmt.Sprint("o", i), AcquiredAt: "2026-01-01T00:00:00Z", PID: i + 1}); err != nil {
			t.Fatal(err)
		}
		e.Remove()
	}
	close(stop)
	if bad.Load() > 0 {
		t.Fatalf("a reader saw a partial body %d times", bad.Load())
	}
	if left, _ := filepath.Glob(filepath.Join(filepath.Dir(e.Path), ".l.tmp.*")); len(left) > 0 {
		t.Fatalf("temps left: %v", left)
	}
}
