package lock

import (
	"context"
	"errors"
	"io/fs"
	"path/filepath"
	"sync"
	"sync/atomic"
	"testing"
	"time"
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
