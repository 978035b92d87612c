package idalloc

import (
	"context"
	"sync"
	"testing"
	"time"
)

func TestStemVectors(t *testing.T) {
	for scope, want := range map[string]string{
		"next-up/2026-06-01": "next-up-2026-06-01.1o01arlwjhnau",
		"other":              "other.05jwqb7ajsytx",
		"race":               "race.1o5h7f72bc114",
	} {
		if got := Stem(scope); got != want {
			t.Errorf("Stem(%q) = %s, want %s", scope, got, want)
		}
	}
	if got := Stem("///"); got[:6] != "scope." {
		t.Errorf("empty stem = %s", got)
	}
}

func TestConcurrentAllocationsAreUnique(t *testing.T) {
	a := Allocator{Dir: t.TempDir(), Wait: 10 * time.Second}
	var mu sync.Mutex
	seen := map[int64]bool{}
	var wg sync.WaitGroup
	for range 20 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			id, err := a.Allocate(context.Background(), "race", 1)
			if err != nil {
				t.Error(err)
				return
			}
			mu.Lock()
			defer mu.Unlock()
			if seen[id] {
				t.Errorf("id %d allocated twice", id)
			}
			seen[id] = true
		}()
	}
	wg.Wait()
	for i := int64(1); i <= 20; i++ {
		if !seen[i] {
			t.Errorf("id %d missing", i)
		}
	}
	if id, _ := a.Allocate(context.Background(), "race", 5); id != 21 {
		t.Errorf("start below the mark: %d", id)
	}
	if n, ok, _ := a.Peek("race"); !ok || n != 21 {
		t.Errorf("peek = %d %v", n, ok)
	}
	if _, ok, _ := a.Peek("never"); ok {
		t.Error("peek of a fresh scope")
	}
}
