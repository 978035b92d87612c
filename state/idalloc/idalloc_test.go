package idalloc

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/dispatchos/dos/state/safefile"
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

func TestUnreadableCounterIsAnErrorNotARestart(t *testing.T) {
	for name, body := range map[string]string{
		"empty":     "",
		"junk":      "not a number\n",
		"negative":  "-4\n",
		"cut short": "12 3",
		"huge":      strings.Repeat("9", 200),
		"nul":       "\x00\x00",
	} {
		t.Run(name, func(t *testing.T) {
			a := Allocator{Dir: t.TempDir(), Wait: time.Second}
			if id, err := a.Allocate(context.Background(), "tickets", 1); err != nil || id != 1 {
				t.Fatalf("first allocation: %d %v", id, err)
			}
			if err := os.WriteFile(a.Path("tickets"), []byte(body), 0o644); err != nil {
				t.Fatal(err)
			}
			id, err := a.Allocate(context.Background(), "tickets", 1)
			if !errors.Is(err, ErrBadCounter) || !strings.Contains(err.Error(), a.Path("tickets")) {
				t.Fatalf("allocate over %q: id %d, err %v", body, id, err)
			}
			if _, _, err := a.Peek("tickets"); !errors.Is(err, ErrBadCounter) {
				t.Fatalf("peek over %q: %v", body, err)
			}
			if b, _ := os.ReadFile(a.Path("tickets")); string(b) != body {
				t.Fatalf("the damaged counter was rewritten: %q", b)
			}
		})
	}
}

func TestSymlinkedCounterOrLockIsRefused(t *testing.T) {
	for _, file := range []string{".id", ".lock"} {
		t.Run(file, func(t *testing.T) {
			a := Allocator{Dir: t.TempDir(), Wait: time.Second}
			outside := filepath.Join(t.TempDir(), "outside")
			os.WriteFile(outside, []byte("7\n"), 0o644)
			if err := os.Symlink(outside, filepath.Join(a.Dir, Stem("s")+file)); err != nil {
				t.Fatal(err)
			}
			_, err := a.Allocate(context.Background(), "s", 1)
			if !errors.Is(err, safefile.ErrSymlink) || !strings.HasSuffix(err.Error(), "is a symlink; refusing to follow it") {
				t.Fatalf("allocate: %v", err)
			}
			if b, _ := os.ReadFile(outside); string(b) != "7\n" {
				t.Fatalf("the link's target changed: %q", b)
			}
		})
	}
}

func TestLeftoverTempsAreSwept(t *testing.T) {
	a := Allocator{Dir: t.TempDir(), Wait: time.Second}
	left := filepath.Join(a.Dir, Stem("s")+".id.tmp123")
	os.WriteFile(left, nil, 0o644) // a writer killed between create and rename
	if id, err := a.Allocate(context.Background(), "s", 5); err != nil || id != 5 {
		t.Fatalf("allocate: %d %v", id, err)
	}
	if _, err := os.Stat(left); !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("leftover temp kept: %v", err)
	}
}
